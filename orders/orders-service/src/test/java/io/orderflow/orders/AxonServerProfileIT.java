package io.orderflow.orders;

import io.orderflow.platform.axonserver.AxonServerEventSources;
import io.orderflow.platform.commandbus.StaticCommandRouter;
import io.orderflow.platform.kafka.KafkaSources;
import io.orderflow.platform.kafka.KafkaTopics;
import io.orderflow.platform.kafka.TopicPublisher;
import io.orderflow.platform.kafka.TopicSource;
import io.orderflow.platform.test.ServiceTestInfrastructure;
import io.orderflow.platform.test.TestPostgres;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.MultiStreamableMessageSource;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.springcloud.commandhandling.SpringHttpCommandBusConnector;
import org.axonframework.modelling.saga.repository.SagaStore;
import io.orderflow.platform.axon.RollbackSafeSagaStore;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code axonserver} profile's wiring, without an Axon Server (the system tests run against a real one when
 * {@code AXONSERVER_SERVERS} is set): the service starts as its jar would with
 * {@code SPRING_PROFILES_ACTIVE=axonserver}, pointed at an address where nothing listens, so that the profile cannot
 * rot unnoticed. Its projections, tokens, sagas and deadlines stay in its own PostgreSQL database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class AxonServerProfileIT {

    private static final String DATABASE = "orders_axonserver";

    private final String nowhere = "127.0.0.1:" + ServiceTestInfrastructure.freePort();
    private final Map<String, Object> wiring = new ConcurrentHashMap<>();

    /**
     * Every bean exists once the context starts its lifecycle, and Axon cannot start without Axon Server: so the
     * wiring is read by a lifecycle bean that starts first, which then ends the start-up.
     */
    @BeforeAll
    void startInAxonServerProfile() {
        assertThatThrownBy(() -> orders(Map.of(), new Inspection(wiring)).close())
                .hasStackTraceContaining(Inspection.DONE);
        assertThat(wiring).containsKey("commandBus");
    }

    @Test
    void sendsCommandsEventsAndQueriesThroughAxonServer() {
        assertThat(wiring.get("commandBus")).isInstanceOf(AxonServerCommandBus.class);
        assertThat(wiring.get("eventStore")).isInstanceOf(AxonServerEventStore.class);
        assertThat(wiring.get("queryBus")).isInstanceOf(AxonServerQueryBus.class);
        AxonServerConfiguration axonServer = (AxonServerConfiguration) wiring.get("axonServer");
        assertThat(axonServer.isEnabled()).isTrue();
        assertThat(axonServer.getServers()).isEqualTo(nowhere);
        assertThat(axonServer.getContext()).isEqualTo("default");
        assertThat(axonServer.getComponentName()).isEqualTo("orders");
    }

    @Test
    void leavesKafkaAndTheHttpCommandBusOut() {
        assertThat((Map<?, ?>) wiring.get("absent")).allSatisfy((type, names) -> assertThat((String[]) names)
                .as(type.toString()).isEmpty());
    }

    @Test
    void keepsTokensSagasAndDeadlinesInItsOwnDatabase() {
        assertThat(wiring.get("tokenStore")).isInstanceOf(JdbcTokenStore.class);
        assertThat(wiring.get("sagaStore")).isInstanceOf(RollbackSafeSagaStore.class)
                                           .extracting("cachingStore").isInstanceOf(CachingSagaStore.class)
                                           .extracting("delegate").isInstanceOf(JdbcSagaStore.class);
        assertThat(wiring.get("deadlineManager")).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat((String) wiring.get("datasource")).endsWith("/" + DATABASE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsTheSagaAndDeliveryFromAxonServerSeeingEachEventOnceOnTheDefaultContext() {
        Object sagaSource = wiring.get("orderSagaSource");
        assertThat(sagaSource).isNotInstanceOf(MultiStreamableMessageSource.class)
                              .isNotInstanceOf(EventStore.class)
                              .hasToString("events of Axon Server context 'default'");
        assertThat(wiring.get("orderDeliverySource")).isSameAs(sagaSource);
        assertThat((List<Object>) wiring.get("contexts")).containsExactly("default");
        assertThat((List<Object>) wiring.get("processors")).containsExactlyInAnyOrder("order-saga", "order-delivery",
                                                                                 "order-summary");
    }

    @Test
    void refusesToStartWhenAxonServerCannotBeReachedNamingItsAddress(CapturedOutput output) {
        assertThatThrownBy(() -> orders(Map.of("orderflow.axonserver.startup-timeout", "1s")).close())
                .hasStackTraceContaining("Axon Server at " + nowhere + " (context 'default') could not be reached");
        String report = output.getOut().substring(output.getOut().lastIndexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("Description:", "Axon Server at " + nowhere + " (context 'default') could not be "
                                                    + "reached within 1 s", "Action:", "AXONSERVER_SERVERS");
    }

    /** Starts the service as its jar starts, the settings given as command-line arguments (above application.yml). */
    private ConfigurableApplicationContext orders(Map<String, String> extra, Inspection... first) {
        TestPostgres.Database database = TestPostgres.get().database(DATABASE);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", database.url());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("server.port", "0");
        properties.put("axon.axonserver.servers", nowhere);
        properties.putAll(extra);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                                  .toArray(String[]::new);
        return new SpringApplicationBuilder(OrdersApplication.class)
                .profiles("axonserver")
                .initializers(context -> {
                    for (Inspection inspection : first) {
                        inspection.context = context;
                        context.getBeanFactory().registerSingleton("wiringInspection", inspection);
                    }
                })
                .run(args);
    }

    /** Reads the wiring when the lifecycle starts (all beans exist by then), then ends the start-up. */
    private static final class Inspection implements SmartLifecycle {

        static final String DONE = "wiring inspected";

        private final Map<String, Object> wiring;
        private ApplicationContext context;

        Inspection(Map<String, Object> wiring) {
            this.wiring = wiring;
        }

        @Override
        public void start() {
            wiring.put("commandBus", context.getBean(CommandBus.class));
            wiring.put("eventStore", context.getBean(EventStore.class));
            wiring.put("queryBus", context.getBean(QueryBus.class));
            wiring.put("axonServer", context.getBean(AxonServerConfiguration.class));
            wiring.put("tokenStore", context.getBean(TokenStore.class));
            wiring.put("sagaStore", context.getBean(SagaStore.class));
            wiring.put("deadlineManager", context.getBean(DeadlineManager.class));
            wiring.put("datasource", context.getEnvironment().getProperty("spring.datasource.url"));
            wiring.put("orderSagaSource", context.getBean("orderSagaSource"));
            wiring.put("orderDeliverySource", context.getBean("orderDeliverySource"));
            wiring.put("contexts", context.getBean(AxonServerEventSources.class)
                                          .distinctContexts("orders", "payments", "fulfillment"));
            EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
            wiring.put("processors", processing.eventProcessors().values().stream()
                                               .filter(StreamingEventProcessor.class::isInstance)
                                               .map(p -> p.getName()).toList());
            Map<String, String[]> absent = new LinkedHashMap<>();
            for (Class<?> type : new Class<?>[] {KafkaSources.class, KafkaTopics.class, Producer.class, TopicPublisher.class,
                    ProducerFactory.class, ConsumerFactory.class, TopicSource.class,
                    DistributedCommandBus.class, StaticCommandRouter.class, SpringHttpCommandBusConnector.class}) {
                absent.put(type.getSimpleName(), context.getBeanNamesForType(type));
            }
            wiring.put("absent", absent);
            throw new IllegalStateException(DONE);
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        @Override
        public int getPhase() {
            return Integer.MIN_VALUE;
        }
    }
}
