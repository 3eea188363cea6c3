package io.orderflow.reporting.config;

import io.orderflow.platform.kafka.KafkaSources;
import io.orderflow.reporting.query.OrderOverviewProjection;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.MultiStreamableMessageSource;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where reporting's event processors read from: the other contexts' topics. */
@Configuration
public class EventSourcesConfiguration {

    public static final String ORDERS_TOPIC = "orders-events";
    public static final String PAYMENTS_TOPIC = "payments-events";
    public static final String FULFILLMENT_TOPIC = "fulfillment-events";

    /**
     * The three topics as one stream, so the overview keeps one token (a position per topic partition) that is
     * committed with the rows it produced. The source ids are part of that stored token: renaming one makes the
     * processor read that topic again from its beginning.
     */
    @Bean
    public MultiStreamableMessageSource orderOverviewSource(KafkaSources kafkaSources) {
        return MultiStreamableMessageSource.builder()
                                           .addMessageSource(ORDERS_TOPIC, kafkaSources.source(ORDERS_TOPIC))
                                           .addMessageSource(PAYMENTS_TOPIC, kafkaSources.source(PAYMENTS_TOPIC))
                                           .addMessageSource(FULFILLMENT_TOPIC,
                                                             kafkaSources.source(FULFILLMENT_TOPIC))
                                           .build();
    }

    /**
     * A failing handler rolls the batch back and the processor retries it from the stored token, instead of
     * Axon's default of logging the failure and moving past the event, which would lose it for good.
     */
    @Bean
    public ConfigurerModule orderOverviewErrorHandling() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                OrderOverviewProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
