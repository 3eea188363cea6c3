package io.orderflow.fulfillment;

import io.orderflow.fulfillment.api.PrepareShipmentCommand;
import io.orderflow.fulfillment.api.ReceiveStockCommand;
import io.orderflow.fulfillment.api.ReserveStockCommand;
import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.api.StockLine;
import io.orderflow.fulfillment.command.AutoDispatcher;
import io.orderflow.fulfillment.query.FulfillmentQueries;
import io.orderflow.fulfillment.query.InventoryLevel;
import io.orderflow.fulfillment.query.ShipmentSummary;
import io.orderflow.platform.test.ServiceTestInfrastructure;
import io.orderflow.platform.test.TestKafka;
import io.orderflow.platform.test.TestPostgres;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Auto-dispatch on: prepared shipments leave by themselves, also when the service restarts before their delay is
 * over. Each test runs the service itself, on a database of its own, so it can stop and start it.
 */
class AutoDispatchIT {

    @Test
    void dispatchesAPreparedShipmentByItselfAndSkipsOnesItCannotDispatch() {
        try (ConfigurableApplicationContext service = start("fulfillment_auto", Duration.ZERO)) {
            CommandGateway commands = service.getBean(CommandGateway.class);
            FulfillmentQueries queries = service.getBean(FulfillmentQueries.class);
            String sku = "sku-" + UUID.randomUUID();
            commands.sendAndWait(new ReceiveStockCommand(sku, 5));
            String unreserved = "s-" + UUID.randomUUID();
            commands.sendAndWait(new PrepareShipmentCommand(unreserved, "o-" + UUID.randomUUID(),
                                                            List.of(new StockLine(sku, 1))));
            String order = "o-" + UUID.randomUUID();
            String shipment = "s-" + UUID.randomUUID();
            commands.sendAndWait(new ReserveStockCommand(order, List.of(new StockLine(sku, 2))));

            commands.sendAndWait(new PrepareShipmentCommand(shipment, order, List.of(new StockLine(sku, 2))));

            awaitStatus(queries, shipment, ShipmentStatus.DISPATCHED);
            await().untilAsserted(() -> assertThat(queries.inventory(sku))
                    .contains(new InventoryLevel(sku, 3, 0, 3)));
            assertThat(queries.shipment(unreserved)).map(ShipmentSummary::status).contains(ShipmentStatus.PREPARED);
            StreamingEventProcessor processor = service.getBean(EventProcessingConfiguration.class)
                                                       .eventProcessor(AutoDispatcher.PROCESSING_GROUP,
                                                                       StreamingEventProcessor.class)
                                                       .orElseThrow();
            assertThat(processor.processingStatus().values()).noneMatch(EventTrackerStatus::isErrorState);
        }
    }

    @Test
    void dispatchesAfterTheDelayEvenWhenTheServiceRestartedInBetween() {
        String database = "fulfillment_restart";
        Duration delay = Duration.ofSeconds(6);
        String sku = "sku-" + UUID.randomUUID();
        String order = "o-" + UUID.randomUUID();
        String shipment = "s-" + UUID.randomUUID();
        try (ConfigurableApplicationContext service = start(database, delay)) {
            CommandGateway commands = service.getBean(CommandGateway.class);
            commands.sendAndWait(new ReceiveStockCommand(sku, 5));
            commands.sendAndWait(new ReserveStockCommand(order, List.of(new StockLine(sku, 2))));
            commands.sendAndWait(new PrepareShipmentCommand(shipment, order, List.of(new StockLine(sku, 2))));

            await().until(() -> scheduledDispatches(service, shipment) == 1);
        }

        try (ConfigurableApplicationContext restarted = start(database, delay)) {
            FulfillmentQueries queries = restarted.getBean(FulfillmentQueries.class);
            awaitStatus(queries, shipment, ShipmentStatus.DISPATCHED);
            await().untilAsserted(() -> assertThat(queries.inventory(sku))
                    .contains(new InventoryLevel(sku, 3, 0, 3)));
            assertThat(scheduledDispatches(restarted, shipment)).isZero();
        }
    }

    private static long scheduledDispatches(ConfigurableApplicationContext service, String shipment) {
        return service.getBean(JdbcClient.class)
                      .sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?")
                      .params(AutoDispatcher.TASK.getTaskName(), shipment)
                      .query(Long.class).single();
    }

    private static ConfigurableApplicationContext start(String database, Duration delay) {
        TestPostgres.Database db = TestPostgres.get().database(database);
        int port = ServiceTestInfrastructure.freePort();
        return new SpringApplicationBuilder(FulfillmentApplication.class).run(
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--axon.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--server.port=" + port,
                "--orderflow.commandbus.peers.fulfillment=http://127.0.0.1:" + port,
                "--orderflow.fulfillment.auto-dispatch.enabled=true",
                "--orderflow.fulfillment.auto-dispatch.delay=" + delay);
    }

    private static void awaitStatus(FulfillmentQueries queries, String shipment, ShipmentStatus status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(queries.shipment(shipment).map(ShipmentSummary::status)).contains(status));
    }
}
