package io.orderflow.platform.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Axon on the service's own PostgreSQL database through JDBC: event store, tokens, sagas and dead letters in
 * tables created by Flyway (see {@code db/platform}), and a command gateway that retries transient failures.
 * <p>
 * Placed after Spring Boot's data source and transaction manager and before Axon's and db-scheduler's
 * configurations, so that those come after them too. Axon 4.13 and db-scheduler 16 name Spring Boot 3's classes
 * for that order, which Boot 4 moved: left to themselves they are evaluated before the data source exists, and Axon
 * then runs without its JDBC stores, its Spring transaction manager (it falls back to none) and db-scheduler's
 * deadline manager. The {@code after}/{@code before} below can go once both name Boot 4's classes.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
                   before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class, TransactionAutoConfiguration.class},
                   beforeName = "com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration")
@EnableConfigurationProperties({CommandRetryProperties.class, TokenStoreProperties.class})
public class AxonInfrastructureConfiguration {

    /** Sagas running at once that stay in memory: at 100 orders/s, those of the last couple of minutes. */
    static final int SAGAS_CACHED = 20_000;

    /**
     * The serializer of everything (general, messages, events — Axon's auto-configuration reuses it for all three):
     * Axon's Jackson 3 serializer with a mapper of its own (the REST layer's settings do not change what is stored),
     * loading only allowed types.
     */
    @Bean
    @Primary
    public Serializer serializer(RevisionResolver revisionResolver) {
        return AllowedTypesJacksonSerializer.create(revisionResolver, getClass().getClassLoader());
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(new SagaSchema());
    }

    @Bean(destroyMethod = "close")
    public AxonCaches axonCaches() {
        return new AxonCaches();
    }

    /**
     * Sagas in the {@code sagaentry} and {@code associationvalueentry} tables, behind caches of saga instances and of
     * association lookups: each event a saga handles would otherwise read both tables before its update. What a unit
     * of work that rolls back touched leaves the caches ({@link RollbackSafeSagaStore}).
     */
    @Bean
    public SagaStore<Object> sagaStore(ConnectionProvider connectionProvider, SagaSqlSchema sagaSqlSchema,
                                       Serializer serializer, AxonCaches caches) {
        Cache sagas = caches.create("sagas", SAGAS_CACHED);
        Cache associations = caches.create("saga-associations", SAGAS_CACHED * 4);
        return new RollbackSafeSagaStore(CachingSagaStore.builder()
                                                         .delegateSagaStore(JdbcSagaStore.builder()
                                                                                         .connectionProvider(connectionProvider)
                                                                                         .sqlSchema(sagaSqlSchema)
                                                                                         .serializer(serializer)
                                                                                         .build())
                                                         .sagaCache(sagas)
                                                         .associationsCache(associations)
                                                         .build(),
                                         sagas, associations);
    }

    /** Declared here so that no extension (Kafka's offers its own) can put tokens anywhere but this database. */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 TokenStoreProperties properties) {
        return JdbcTokenStore.builder()
                             .connectionProvider(connectionProvider)
                             .schema(new TokenSchema())
                             .serializer(serializer)
                             .claimTimeout(properties.getClaimTimeout())
                             .build();
    }

    /**
     * A handler that fails makes its processor roll back and retry from its stored token (with back-off) instead of
     * logging the event away: no event is silently lost by a projection, a saga or the Kafka publisher.
     */
    @Bean
    public ConfigurerModule failedEventsAreRetried() {
        return configurer -> configurer.eventProcessing()
                                       .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, CommandRetryProperties retry,
                                         ScheduledExecutorService commandRetryExecutor) {
        TransientCommandFailures transientFailures = new TransientCommandFailures();
        return DefaultCommandGateway.builder()
                                    .commandBus(commandBus)
                                    .retryScheduler(ExponentialBackOffIntervalRetryScheduler
                                            .builder()
                                            .retryExecutor(commandRetryExecutor)
                                            .maxRetryCount(retry.maxRetries())
                                            .backoffFactor(retry.initialInterval().toMillis())
                                            .nonTransientFailurePredicate(transientFailures.negate())
                                            .build())
                                    .build();
    }
}
