package io.orderflow.reporting.config;

import io.orderflow.platform.axonserver.AxonServerEventSources;
import io.orderflow.platform.axonserver.ConditionalOnAxonServer;
import io.orderflow.platform.axonserver.ConditionalOnKafkaMessaging;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.kafka.KafkaSources;
import io.orderflow.platform.kafka.UnreadableRecordHandler;
import io.orderflow.reporting.query.FactsCopy;
import io.orderflow.reporting.query.OrderFactsProjection;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.MultiStreamableMessageSource;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Where reporting's event processors read from (the other contexts' topics) and what they fill. */
@Configuration
public class EventSourcesConfiguration {

    public static final String ORDERS_TOPIC = "orders-events";
    public static final String PAYMENTS_TOPIC = "payments-events";
    public static final String FULFILLMENT_TOPIC = "fulfillment-events";

    private static final String ORDERS_CONTEXT = "orders";
    private static final String PAYMENTS_CONTEXT = "payments";
    private static final String FULFILLMENT_CONTEXT = "fulfillment";

    /**
     * The three topics as one stream, so a copy's processor keeps one token (a position per topic partition) that is
     * committed with the rows it produced. The source ids are part of that stored token: renaming one makes the
     * processor read that topic again from its beginning.
     */
    @Bean
    @ConditionalOnKafkaMessaging
    public MultiStreamableMessageSource orderFactsSourceA(KafkaSources kafkaSources) {
        return topics(kafkaSources);
    }

    @Bean
    @ConditionalOnKafkaMessaging
    public MultiStreamableMessageSource orderFactsSourceB(KafkaSources kafkaSources) {
        return topics(kafkaSources);
    }

    /**
     * In the {@code axonserver} profile: the three contexts' events from Axon Server (on Axon Server SE all of them
     * are in {@code default}, read once).
     */
    @Bean(name = "orderFactsSourceA")
    @ConditionalOnAxonServer
    public StreamableMessageSource<TrackedEventMessage<?>> orderFactsSourceAOnAxonServer(
            AxonServerEventSources sources) {
        return sources.merged(ORDERS_CONTEXT, PAYMENTS_CONTEXT, FULFILLMENT_CONTEXT);
    }

    @Bean(name = "orderFactsSourceB")
    @ConditionalOnAxonServer
    public StreamableMessageSource<TrackedEventMessage<?>> orderFactsSourceBOnAxonServer(
            AxonServerEventSources sources) {
        return sources.merged(ORDERS_CONTEXT, PAYMENTS_CONTEXT, FULFILLMENT_CONTEXT);
    }

    /**
     * One projection per copy, each the only handler of its processor. A failing handler rolls the batch back and
     * the processor retries it from the stored token, instead of Axon's default of logging the failure and moving
     * past the event, which would lose it for good. A record of a topic that cannot be read is set aside in the
     * processor's dead-letter queue ({@link UnreadableRecordHandler}).
     */
    @Bean
    public ConfigurerModule orderFactsProcessors(JdbcClient jdbc, MeterRegistry meters) {
        return configurer -> {
            for (FactsCopy copy : FactsCopy.values()) {
                configurer.eventProcessing()
                          .registerEventHandler(c -> new OrderFactsProjection(jdbc, copy))
                          .assignHandlerInstancesMatching(
                                  copy.processorName(),
                                  handler -> handler instanceof OrderFactsProjection p && p.copy() == copy)
                          .registerListenerInvocationErrorHandler(copy.processorName(),
                                                                  c -> PropagatingErrorHandler.instance());
                UnreadableRecordHandler.register(configurer.eventProcessing(), copy.processorName(), meters);
            }
        };
    }

    private static MultiStreamableMessageSource topics(KafkaSources kafkaSources) {
        return MultiStreamableMessageSource.builder()
                                           .addMessageSource(ORDERS_TOPIC, kafkaSources.source(ORDERS_TOPIC))
                                           .addMessageSource(PAYMENTS_TOPIC, kafkaSources.source(PAYMENTS_TOPIC))
                                           .addMessageSource(FULFILLMENT_TOPIC,
                                                             kafkaSources.source(FULFILLMENT_TOPIC))
                                           .build();
    }
}
