package io.orderflow.orders.query;

import tools.jackson.databind.ObjectMapper;
import io.orderflow.orders.api.OrderCancelledEvent;
import io.orderflow.orders.api.OrderCompletedEvent;
import io.orderflow.orders.api.OrderConfirmedEvent;
import io.orderflow.orders.api.OrderDeliveredEvent;
import io.orderflow.orders.api.OrderPlacedEvent;
import io.orderflow.orders.api.OrderReason;
import io.orderflow.orders.api.OrderRejectedEvent;
import io.orderflow.orders.api.OrderShippedEvent;
import io.orderflow.orders.api.OrderStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Orders as the orders API shows them. Every write sets a row to what the event says rather than adding to it, so
 * handling an event again leaves the same row.
 */
@Component
@ProcessingGroup(OrderSummaryProjection.PROCESSING_GROUP)
public class OrderSummaryProjection {

    public static final String PROCESSING_GROUP = "order-summary";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public OrderSummaryProjection(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(OrderPlacedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                 INSERT INTO order_summary (order_id, customer_id, status, reason, total, lines, placed_at, updated_at)
                 VALUES (?, ?, ?, NULL, ?, ?::jsonb, ?, ?)
                 ON CONFLICT (order_id) DO UPDATE
                 SET customer_id = excluded.customer_id, status = excluded.status, reason = NULL,
                     total = excluded.total, lines = excluded.lines, placed_at = excluded.placed_at,
                     updated_at = excluded.updated_at, delivered_at = NULL
                 """)
            .params(event.orderId(), event.customerId(), OrderStatus.PLACED.name(), event.total(),
                    toJson(event), utc(at), utc(at))
            .update();
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @Timestamp Instant at) {
        status(event.orderId(), OrderStatus.CONFIRMED, null, at);
    }

    @EventHandler
    void on(OrderShippedEvent event, @Timestamp Instant at) {
        status(event.orderId(), OrderStatus.SHIPPED, null, at);
    }

    @EventHandler
    void on(OrderCompletedEvent event, @Timestamp Instant at) {
        status(event.orderId(), OrderStatus.COMPLETED, null, at);
    }

    @EventHandler
    void on(OrderRejectedEvent event, @Timestamp Instant at) {
        status(event.orderId(), OrderStatus.REJECTED, event.reason(), at);
    }

    @EventHandler
    void on(OrderCancelledEvent event, @Timestamp Instant at) {
        status(event.orderId(), OrderStatus.CANCELLED, event.reason(), at);
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE order_summary SET delivered_at = ?, updated_at = ? WHERE order_id = ?")
            .params(utc(at), utc(at), event.orderId())
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM order_summary").update();
    }

    private void status(String orderId, OrderStatus status, OrderReason reason, Instant at) {
        jdbc.sql("UPDATE order_summary SET status = ?, reason = ?, updated_at = ? WHERE order_id = ?")
            .params(status.name(), reason == null ? null : reason.name(), utc(at), orderId)
            .update();
    }

    private String toJson(OrderPlacedEvent event) {
        return json.writeValueAsString(event.lines());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
