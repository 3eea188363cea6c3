package io.orderflow.platform.kafka;

import io.orderflow.platform.axonserver.ConditionalOnKafkaMessaging;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.Optional;

/**
 * Events cross services through Kafka: each service publishes its event store to its own topic (the axon-kafka
 * publisher, a tracking processor, so the event store is the outbox) and reads other contexts' topics through
 * {@link KafkaSources}. Off in the {@code axonserver} profile, where Axon Server carries the events.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnKafkaMessaging
@EnableConfigurationProperties(OrderflowKafkaProperties.class)
public class KafkaMessagingConfiguration {

    @Bean
    public KafkaTopics kafkaTopics(KafkaProperties kafka, OrderflowKafkaProperties properties) {
        return new KafkaTopics(String.join(",", kafka.getBootstrapServers()), properties);
    }

    /**
     * A context publishes its published language only: events whose payload type lives in an {@code *.api} package.
     * Events internal to a service stay in its event store.
     */
    @Bean
    public TopicResolver topicResolver(KafkaProperties kafka) {
        return event -> PublishedLanguage.contains(event.getPayloadType())
                ? Optional.of(kafka.getDefaultTopic())
                : Optional.empty();
    }

    @Bean
    public KafkaSources kafkaSources(ConsumerFactory<String, byte[]> consumerFactory,
                                     Fetcher<String, byte[], KafkaEventMessage> fetcher,
                                     KafkaMessageConverter<String, byte[]> converter,
                                     @Qualifier("eventSerializer") Serializer eventSerializer,
                                     KafkaTopics topics) {
        return new KafkaSources(consumerFactory, fetcher, converter, eventSerializer, topics);
    }
}
