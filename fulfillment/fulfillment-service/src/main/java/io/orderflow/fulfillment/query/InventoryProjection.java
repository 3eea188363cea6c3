package io.orderflow.fulfillment.query;

import io.orderflow.fulfillment.api.StockAllocatedEvent;
import io.orderflow.fulfillment.api.StockDeallocatedEvent;
import io.orderflow.fulfillment.api.StockReceivedEvent;
import io.orderflow.fulfillment.api.StockShippedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Stock per SKU as the inventory API shows it: one row per receipt and one per order holding a SKU. Every write sets
 * a row to what the event says rather than adding to a total, so handling an event again leaves the same rows.
 */
@Component
@ProcessingGroup(InventoryProjection.PROCESSING_GROUP)
public class InventoryProjection {

    public static final String PROCESSING_GROUP = "inventory";

    private final JdbcClient jdbc;

    public InventoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(StockReceivedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        jdbc.sql("""
                 INSERT INTO stock_receipt (event_id, sku, quantity, received_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT (event_id) DO NOTHING
                 """)
            .params(eventId, event.sku(), event.quantity(), utc(at))
            .update();
    }

    @EventHandler
    void on(StockAllocatedEvent event, @Timestamp Instant at) {
        allocation(event.sku(), event.orderId(), event.quantity(), "RESERVED", at);
    }

    @EventHandler
    void on(StockDeallocatedEvent event, @Timestamp Instant at) {
        allocation(event.sku(), event.orderId(), event.quantity(), "RELEASED", at);
    }

    @EventHandler
    void on(StockShippedEvent event, @Timestamp Instant at) {
        allocation(event.sku(), event.orderId(), event.quantity(), "SHIPPED", at);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM stock_allocation").update();
        jdbc.sql("DELETE FROM stock_receipt").update();
    }

    private void allocation(String sku, String orderId, int quantity, String status, Instant at) {
        jdbc.sql("""
                 INSERT INTO stock_allocation (sku, order_id, quantity, status, updated_at) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (sku, order_id) DO UPDATE
                 SET quantity = excluded.quantity, status = excluded.status, updated_at = excluded.updated_at
                 """)
            .params(sku, orderId, quantity, status, utc(at))
            .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
