package io.orderflow.platform.ops;

import tools.jackson.databind.ObjectMapper;
import io.orderflow.platform.axonserver.ConditionalOnKafkaMessaging;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import io.orderflow.platform.kafka.KafkaSources;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.annotation.Nonnull;
import java.util.List;
import java.util.Set;

/**
 * The ops API of every service, and what it needs from Axon: a JDBC dead-letter queue for every processing group
 * (not only those listed with {@code dlq.enabled}), and counting/trace-id interceptors on every handler.
 * <p>
 * A saga's group has one too when its manager uses it (Axon 4 has none for sagas; see {@code IsolatingSagaManager}).
 * The Kafka publisher has none ({@code orderflow.ops.no-dead-letter-queue}):
 * parking events there would publish a context's events out of order, so it keeps retrying until the broker is back.
 */
@AutoConfiguration(before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class,
        MicrometerMetricsAutoConfiguration.class})
public class OpsAutoConfiguration {

    @Bean
    public OpsStats opsStats(MeterRegistry meterRegistry) {
        return new OpsStats(meterRegistry);
    }

    @Bean
    public DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties eventProcessorProperties,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            DeadLetterSchema schema,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer genericSerializer,
            @Value("${orderflow.ops.no-dead-letter-queue:__axon-kafka-event-publishing-group}") List<String> excluded) {
        Set<String> without = Set.copyOf(excluded);
        return new DeadLetterQueueProviderConfigurerModule(eventProcessorProperties, group -> null) {
            @Override
            public void configureModule(@Nonnull org.axonframework.config.Configurer configurer) {
                configurer.eventProcessing().registerDeadLetterQueueProvider(
                        group -> without.contains(group) ? null : config ->
                                JdbcSequencedDeadLetterQueue.builder()
                                                            .processingGroup(group)
                                                            .connectionProvider(connectionProvider)
                                                            .transactionManager(transactionManager)
                                                            .schema(schema)
                                                            .genericSerializer(genericSerializer)
                                                            .eventSerializer(eventSerializer)
                                                            .build());
            }
        };
    }

    /**
     * axon-micrometer's monitors (command bus, event store, every processor: counts, timers, latency, capacity) on
     * the registry Actuator exports, tagged by component, so {@code /actuator/prometheus} shows them. Declared
     * here because Axon's own auto-configuration may decide before the Prometheus registry exists and stay silent.
     */
    @Bean
    public GlobalMetricRegistry globalMetricRegistry(MeterRegistry meterRegistry) {
        return new GlobalMetricRegistry(meterRegistry);
    }

    @Bean
    public MetricsConfigurerModule metricsConfigurerModule(GlobalMetricRegistry globalMetricRegistry) {
        return new MetricsConfigurerModule(globalMetricRegistry, true);
    }

    @Bean
    public SavepointPerEventHandler savepointPerEventHandler(PlatformTransactionManager transactionManager) {
        return new SavepointPerEventHandler(transactionManager);
    }

    /**
     * Every handler is traced and counted; every batch a processor fails on (a handler, or its commit: the Kafka
     * publisher fails when the broker does not take its events) is counted and recorded for health, then rethrown,
     * so the processor rolls back and retries as Axon's default error handler would.
     */
    @Bean
    public ConfigurerModule handlersAreTracedAndCounted(OpsStats stats) {
        return configurer -> configurer.eventProcessing()
                                       .registerDefaultHandlerInterceptor(
                                               (config, processor) -> TraceIds.events(processor, stats))
                                       .registerDefaultErrorHandler(config -> failure -> {
                                           stats.eventFailed(failure.eventProcessor(), failure.error());
                                           PropagatingErrorHandler.instance().handleError(failure);
                                       });
    }

    @Bean
    public SmartInitializingSingleton commandsAreTracedAndCounted(@Lazy CommandBus commandBus, OpsStats stats) {
        return () -> commandBus.registerHandlerInterceptor(TraceIds.commands(stats));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnKafkaMessaging
    public KafkaOffsets kafkaOffsets(KafkaProperties kafka) {
        return new KafkaOffsets(String.join(",", kafka.getBootstrapServers()));
    }

    /** Actuator's {@code kafka} health component: UP while a broker answers (the database has its own, {@code db}). */
    @Bean
    @ConditionalOnKafkaMessaging
    public HealthIndicator kafkaHealthIndicator(KafkaOffsets kafkaOffsets) {
        return () -> {
            try {
                return Health.up().withDetail("brokers", kafkaOffsets.brokers()).build();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return Health.down().withDetail("error", String.valueOf(e.getMessage())).build();
            }
        };
    }

    /** Actuator's {@code eventProcessors} component, {@code DEGRADED} while events do not flow. */
    @Bean
    public ProcessorsHealth eventProcessorsHealthIndicator(
            @Lazy EventProcessingConfiguration processing, DeadLetterOps deadLetters, OpsStats stats,
            @Value("${orderflow.ops.processor-lag-threshold:30s}") java.time.Duration lagThreshold) {
        return new ProcessorsHealth(processing, deadLetters, stats, lagThreshold);
    }

    @Bean
    public ProcessorOps processorOps(@Lazy EventProcessingConfiguration processing, @Lazy EventStore eventStore,
                                     ObjectProvider<KafkaOffsets> kafkaOffsets, OpsStats stats,
                                     Environment environment, ObjectProvider<ReplayPolicy> replayPolicies) {
        return new ProcessorOps(processing, eventStore, kafkaOffsets.getIfAvailable(), stats, environment,
                                replayPolicies.orderedStream().toList());
    }

    @Bean
    public DeadLetterOps deadLetterOps(@Lazy EventProcessingConfiguration processing, ObjectMapper objectMapper,
                                       @Qualifier("eventSerializer") Serializer eventSerializer,
                                       TransactionManager transactionManager,
                                       ObjectProvider<KafkaSources> kafkaSources) {
        return new DeadLetterOps(processing, objectMapper, eventSerializer, transactionManager,
                                 KafkaSources.rereader(kafkaSources));
    }

    @Bean
    public SagaOps sagaOps(JdbcTemplate jdbcTemplate, ObjectMapper objectMapper) {
        return new SagaOps(jdbcTemplate, objectMapper);
    }

    @Bean
    public EventOps eventOps(JdbcTemplate jdbcTemplate, ObjectMapper objectMapper) {
        return new EventOps(jdbcTemplate, objectMapper);
    }

    @Bean
    public OpsController opsController(@Value("${spring.application.name}") String service, ProcessorOps processors,
                                       DeadLetterOps deadLetters, SagaOps sagas, EventOps events, OpsStats stats,
                                       ObjectProvider<HealthEndpoint> health) {
        return new OpsController(service, processors, deadLetters, sagas, events, stats, health.getIfAvailable());
    }
}
