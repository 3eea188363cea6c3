package io.orderflow.platform.kafka;

import io.orderflow.platform.axonserver.ConditionalOnKafkaMessaging;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.Optional;

/**
 * Events cross services through Kafka: each service publishes its event store to its own topic ({@link TopicPublisher}
 * in a tracking processor, so the event store is the outbox) and reads other contexts' topics through
 * {@link KafkaSources}. From the Kafka extension this takes the record format ({@link KafkaMessageConverter}), the
 * consumer factory and the fetcher, and the {@code axon.kafka.*} settings; its publisher and message-source builders
 * stay unused ({@code axon.kafka.publisher.enabled=false}). Off in the {@code axonserver} profile, where Axon Server
 * carries the events.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnKafkaMessaging
@EnableConfigurationProperties(OrderflowKafkaProperties.class)
public class KafkaMessagingConfiguration {

    /** Events sent before the publisher waits for the broker's acknowledgements and stores its token once. */
    static final int PUBLISHER_BATCH_SIZE = 100;

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
                                     KafkaTopics topics) {
        return new KafkaSources(consumerFactory, fetcher, converter, topics);
    }

    /** One idempotent producer per service ({@code axon.kafka.producer.*}), shared by the publisher's threads. */
    @Bean(destroyMethod = "close")
    public Producer<String, byte[]> eventProducer(KafkaProperties kafka) {
        return new KafkaProducer<>(kafka.buildProducerProperties());
    }

    /**
     * The publisher and its processor: a tracking processor over the event store whose only handler is the
     * {@link TopicPublisher}. A failure propagates, so the processor rolls back and retries from its token instead of
     * moving past an unpublished event. It keeps the processing group name of the Kafka extension
     * ({@code axon.kafka.publisher.processing-group}), so a stored publishing position stays valid. Registered once the
     * Axon configuration exists (the record format needs its upcasters) and before the processors start.
     */
    @Bean
    public TopicPublisher topicPublisher(Producer<String, byte[]> eventProducer,
                                         KafkaMessageConverter<String, byte[]> converter,
                                         TopicResolver topicResolver,
                                         KafkaProperties kafka,
                                         OrderflowKafkaProperties properties,
                                         org.axonframework.config.Configuration axon,
                                         EventProcessingConfigurer processing) {
        TopicPublisher publisher = new TopicPublisher(eventProducer, converter, topicResolver,
                                                      axon.messageMonitor(TopicPublisher.class, "kafkaPublisher"),
                                                      properties.publisherAckTimeout());
        String group = kafka.getPublisher().getProcessingGroup();
        processing.registerEventHandler(config -> publisher)
                  .assignHandlerInstancesMatching(group, handler -> handler == publisher)
                  .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance())
                  .registerTrackingEventProcessor(group, config -> config.eventStore(),
                                                  config -> TrackingEventProcessorConfiguration
                                                          .forSingleThreadedProcessing()
                                                          .andBatchSize(PUBLISHER_BATCH_SIZE));
        return publisher;
    }
}
