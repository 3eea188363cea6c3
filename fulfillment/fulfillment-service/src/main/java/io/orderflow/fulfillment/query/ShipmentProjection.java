package io.orderflow.fulfillment.query;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import io.orderflow.fulfillment.api.ShipmentCancelledEvent;
import io.orderflow.fulfillment.api.ShipmentDeliveredEvent;
import io.orderflow.fulfillment.api.ShipmentDispatchedEvent;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.api.StockLine;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Shipments as the shipments API shows them. Every write sets the row to what the event says, so handling an event
 * again leaves the same row. A shipment cancelled before it was prepared shows as CANCELLED without lines.
 */
@Component
@ProcessingGroup(ShipmentProjection.PROCESSING_GROUP)
public class ShipmentProjection {

    public static final String PROCESSING_GROUP = "shipments";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ShipmentProjection(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(ShipmentPreparedEvent event, @Timestamp Instant at) {
        withLines(event.shipmentId(), event.orderId(), ShipmentStatus.PREPARED, event.lines(), at);
    }

    @EventHandler
    void on(ShipmentDispatchedEvent event, @Timestamp Instant at) {
        withLines(event.shipmentId(), event.orderId(), ShipmentStatus.DISPATCHED, event.lines(), at);
    }

    @EventHandler
    void on(ShipmentDeliveredEvent event, @Timestamp Instant at) {
        status(event.shipmentId(), event.orderId(), ShipmentStatus.DELIVERED, at);
    }

    @EventHandler
    void on(ShipmentCancelledEvent event, @Timestamp Instant at) {
        status(event.shipmentId(), event.orderId(), ShipmentStatus.CANCELLED, at);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM shipment_view").update();
    }

    private void withLines(String shipmentId, String orderId, ShipmentStatus status, List<StockLine> lines,
                           Instant at) {
        jdbc.sql("""
                 INSERT INTO shipment_view (shipment_id, order_id, status, lines, updated_at)
                 VALUES (?, ?, ?, CAST(? AS jsonb), ?)
                 ON CONFLICT (shipment_id) DO UPDATE
                 SET order_id = excluded.order_id, status = excluded.status, lines = excluded.lines,
                     updated_at = excluded.updated_at
                 """)
            .params(shipmentId, orderId, status.name(), toJson(lines), utc(at))
            .update();
    }

    private void status(String shipmentId, String orderId, ShipmentStatus status, Instant at) {
        jdbc.sql("""
                 INSERT INTO shipment_view (shipment_id, order_id, status, lines, updated_at)
                 VALUES (?, ?, ?, '[]'::jsonb, ?)
                 ON CONFLICT (shipment_id) DO UPDATE
                 SET status = excluded.status, updated_at = excluded.updated_at
                 """)
            .params(shipmentId, orderId, status.name(), utc(at))
            .update();
    }

    private String toJson(List<StockLine> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JacksonException e) {
            throw new IllegalStateException("Cannot write the lines of a shipment as JSON", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
