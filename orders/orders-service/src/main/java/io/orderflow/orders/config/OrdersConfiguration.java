package io.orderflow.orders.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.orders.command.DeliveryRecorder;
import io.orderflow.orders.saga.OrderSaga;
import io.orderflow.orders.saga.OrderSagaProperties;
import io.orderflow.platform.kafka.UnreadableRecordHandler;
import io.orderflow.platform.saga.IsolatingSagaManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.springframework.beans.factory.ObjectProvider;
import io.orderflow.platform.axonserver.AxonServerEventSources;
import io.orderflow.platform.axonserver.ConditionalOnAxonServer;
import io.orderflow.platform.axonserver.ConditionalOnKafkaMessaging;
import io.orderflow.platform.kafka.KafkaSources;
import io.orderflow.platform.kafka.TopicSource;
import org.axonframework.eventhandling.MultiStreamableMessageSource;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the orders context's event processors read from. The saga needs its own events and the answers of
 * payments and fulfillment in one stream; the delivery recorder only fulfillment's. The bean names are referenced
 * by {@code axon.eventhandling.processors.<group>.source}. By default the other contexts' events come from their
 * Kafka topics; in the {@code axonserver} profile from their Axon Server contexts.
 */
@Configuration
@EnableConfigurationProperties(OrderSagaProperties.class)
public class OrdersConfiguration {

    // The saga's stored token names its position in each source by these names: never rename them.
    static final String ORDERS = "orders";
    static final String PAYMENTS = "payments";
    static final String FULFILLMENT = "fulfillment";

    @Bean
    @ConditionalOnKafkaMessaging
    public MultiStreamableMessageSource orderSagaSource(EventStore eventStore, KafkaSources kafka) {
        return MultiStreamableMessageSource.builder()
                                           .addMessageSource(ORDERS, eventStore)
                                           .addMessageSource(PAYMENTS, kafka.source("payments-events"))
                                           .addMessageSource(FULFILLMENT, kafka.source("fulfillment-events"))
                                           .longPollingSource(ORDERS)
                                           .build();
    }

    @Bean
    @ConditionalOnKafkaMessaging
    public TopicSource orderDeliverySource(KafkaSources kafka) {
        return kafka.source("fulfillment-events");
    }

    /**
     * The order saga, run by a manager that parks one order's events (a dead letter, then the rest of its sequence)
     * instead of stopping every order: see {@link IsolatingSagaManager}. Registered here rather than by a
     * {@code @Saga} annotation, which has no way to choose the manager. The fulfillment topic's delivery recorder
     * sets unreadable records aside in its dead-letter queue.
     */
    @Bean
    public ConfigurerModule orderSagaRegistration(SagaStore<Object> sagaStore, ObjectProvider<KafkaSources> kafka,
                                                  OrderSagaProperties properties, MeterRegistry meters) {
        return configurer -> {
            IsolatingSagaManager.register(configurer.eventProcessing(), OrderSaga.class, OrderSaga.ORDER_ID,
                                          sagaStore, KafkaSources.rereader(kafka), properties.attempts(), meters);
            UnreadableRecordHandler.register(configurer.eventProcessing(), DeliveryRecorder.PROCESSING_GROUP,
                                             meters);
        };
    }

    /** On Axon Server SE every context is {@code default}: then this is simply the event store. */
    @Bean(name = "orderSagaSource")
    @ConditionalOnAxonServer
    public StreamableMessageSource<TrackedEventMessage<?>> orderSagaSourceOnAxonServer(AxonServerEventSources sources) {
        return sources.merged(ORDERS, PAYMENTS, FULFILLMENT);
    }

    @Bean(name = "orderDeliverySource")
    @ConditionalOnAxonServer
    public StreamableMessageSource<TrackedEventMessage<?>> orderDeliverySourceOnAxonServer(
            AxonServerEventSources sources) {
        return sources.of(FULFILLMENT);
    }
}
