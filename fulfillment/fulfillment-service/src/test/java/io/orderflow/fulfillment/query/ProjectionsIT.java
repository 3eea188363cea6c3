package io.orderflow.fulfillment.query;

import tools.jackson.databind.ObjectMapper;
import io.orderflow.fulfillment.api.ShipmentCancelledEvent;
import io.orderflow.fulfillment.api.ShipmentDeliveredEvent;
import io.orderflow.fulfillment.api.ShipmentDispatchedEvent;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.api.StockAllocatedEvent;
import io.orderflow.fulfillment.api.StockDeallocatedEvent;
import io.orderflow.fulfillment.api.StockLine;
import io.orderflow.fulfillment.api.StockReceivedEvent;
import io.orderflow.fulfillment.api.StockShippedEvent;
import io.orderflow.platform.test.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The projections' SQL on a real PostgreSQL database, each event handled twice as a redelivery would. */
class ProjectionsIT {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    private static JdbcClient jdbc;
    private static FulfillmentQueries queries;
    private static InventoryProjection inventory;
    private static ShipmentProjection shipments;

    @BeforeAll
    static void database() {
        TestPostgres.Database db = TestPostgres.get().database("fulfillment_views");
        DataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        ObjectMapper json = new ObjectMapper();
        jdbc = JdbcClient.create(dataSource);
        queries = new FulfillmentQueries(jdbc, json);
        inventory = new InventoryProjection(jdbc);
        shipments = new ShipmentProjection(jdbc, json);
    }

    @Test
    void countsEachReceiptOnceAndSplitsStockIntoReservedShippedAndReleased() {
        String sku = "sku-" + UUID.randomUUID();
        twice(() -> inventory.on(new StockReceivedEvent(sku, 10), "e1-" + sku, AT));
        twice(() -> inventory.on(new StockReceivedEvent(sku, 5), "e2-" + sku, AT));
        twice(() -> inventory.on(new StockAllocatedEvent(sku, "o1", 3), AT));
        twice(() -> inventory.on(new StockAllocatedEvent(sku, "o2", 4), AT));
        twice(() -> inventory.on(new StockAllocatedEvent(sku, "o3", 1), AT));
        twice(() -> inventory.on(new StockShippedEvent(sku, "o1", 3), AT));
        twice(() -> inventory.on(new StockDeallocatedEvent(sku, "o3", 1), AT));

        assertThat(queries.inventory(sku)).contains(new InventoryLevel(sku, 12, 4, 8));
    }

    @Test
    void knowsNoSkuThatNeverReceivedStock() {
        String sku = "sku-" + UUID.randomUUID();
        inventory.on(new StockAllocatedEvent(sku, "o1", 3), AT);

        assertThat(queries.inventory(sku)).isEmpty();
    }

    @Test
    void followsAShipmentToDeliveryKeepingItsLines() {
        String shipment = "s-" + UUID.randomUUID();
        List<StockLine> lines = List.of(new StockLine("a", 2), new StockLine("b", 1));
        twice(() -> shipments.on(new ShipmentPreparedEvent(shipment, "o1", lines), AT));
        assertThat(queries.shipment(shipment))
                .contains(new ShipmentSummary(shipment, "o1", ShipmentStatus.PREPARED, lines, AT));

        twice(() -> shipments.on(new ShipmentDispatchedEvent(shipment, "o1", lines), AT.plusSeconds(1)));
        twice(() -> shipments.on(new ShipmentDeliveredEvent(shipment, "o1"), AT.plusSeconds(2)));

        assertThat(queries.shipmentsOfOrder("o1")).filteredOn(s -> s.shipmentId().equals(shipment))
                .containsExactly(new ShipmentSummary(shipment, "o1", ShipmentStatus.DELIVERED, lines,
                                                     AT.plusSeconds(2)));
    }

    @Test
    void showsAShipmentCancelledBeforePreparationWithoutLines() {
        String shipment = "s-" + UUID.randomUUID();
        String order = "o-" + UUID.randomUUID();
        twice(() -> shipments.on(new ShipmentCancelledEvent(shipment, order), AT));

        assertThat(queries.shipmentsOfOrder(order))
                .containsExactly(new ShipmentSummary(shipment, order, ShipmentStatus.CANCELLED, List.of(), AT));
    }

    @Test
    void startsOverEmptyOnReset() {
        String sku = "sku-" + UUID.randomUUID();
        String shipment = "s-" + UUID.randomUUID();
        inventory.on(new StockReceivedEvent(sku, 1), "e-" + sku, AT);
        shipments.on(new ShipmentCancelledEvent(shipment, "o1"), AT);

        inventory.reset();
        shipments.reset();

        assertThat(queries.inventory(sku)).isEmpty();
        assertThat(queries.shipment(shipment)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stock_allocation").query(Long.class).single()).isZero();
    }

    private static void twice(Runnable handling) {
        handling.run();
        handling.run();
    }
}
