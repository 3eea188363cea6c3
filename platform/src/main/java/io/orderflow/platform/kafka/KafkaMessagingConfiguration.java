package io.orderflow.platform.kafka;

import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Events cross services through Kafka: each service publishes its event store to its own topic (the axon-kafka
 * publisher, a tracking processor, so the event store is the outbox) and reads other contexts' topics through
 * {@link KafkaSources}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(OrderflowKafkaProperties.class)
public class KafkaMessagingConfiguration {

    @Bean
    public KafkaTopics kafkaTopics(KafkaProperties kafka, OrderflowKafkaProperties properties) {
        return new KafkaTopics(String.join(",", kafka.getBootstrapServers()), properties);
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
