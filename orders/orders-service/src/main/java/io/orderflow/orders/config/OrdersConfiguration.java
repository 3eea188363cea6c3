package io.orderflow.orders.config;

import io.orderflow.orders.saga.OrderSagaProperties;
import io.orderflow.platform.kafka.KafkaSources;
import org.axonframework.eventhandling.MultiStreamableMessageSource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the orders context's event processors read from. The saga needs its own events and the answers of
 * payments and fulfillment in one stream; the delivery recorder only fulfillment's. The bean names are referenced
 * by {@code axon.eventhandling.processors.<group>.source}.
 */
@Configuration
@EnableConfigurationProperties(OrderSagaProperties.class)
public class OrdersConfiguration {

    // The saga's stored token names its position in each source by these names: never rename them.
    static final String ORDERS = "orders";
    static final String PAYMENTS = "payments";
    static final String FULFILLMENT = "fulfillment";

    @Bean
    public MultiStreamableMessageSource orderSagaSource(EventStore eventStore, KafkaSources kafka) {
        return MultiStreamableMessageSource.builder()
                                           .addMessageSource(ORDERS, eventStore)
                                           .addMessageSource(PAYMENTS, kafka.source("payments-events"))
                                           .addMessageSource(FULFILLMENT, kafka.source("fulfillment-events"))
                                           .longPollingSource(ORDERS)
                                           .build();
    }

    @Bean
    public StreamableKafkaMessageSource<String, byte[]> orderDeliverySource(KafkaSources kafka) {
        return kafka.source("fulfillment-events");
    }
}
