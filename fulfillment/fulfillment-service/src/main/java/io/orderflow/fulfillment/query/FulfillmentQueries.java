package io.orderflow.fulfillment.query;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.api.StockLine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads the fulfillment read models. */
@Repository
public class FulfillmentQueries {

    private static final TypeReference<List<StockLine>> LINES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public FulfillmentQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return the SKU's stock, empty if none was ever received */
    public Optional<InventoryLevel> inventory(String sku) {
        return jdbc.sql("""
                        SELECT r.received,
                               COALESCE(SUM(a.quantity) FILTER (WHERE a.status = 'RESERVED'), 0) AS reserved,
                               COALESCE(SUM(a.quantity) FILTER (WHERE a.status = 'SHIPPED'), 0) AS shipped
                        FROM (SELECT COUNT(*) AS receipts, COALESCE(SUM(quantity), 0) AS received
                              FROM stock_receipt WHERE sku = :sku) r
                        LEFT JOIN stock_allocation a ON a.sku = :sku
                        WHERE r.receipts > 0
                        GROUP BY r.received
                        """)
                   .param("sku", sku)
                   .query((rs, row) -> {
                       long onHand = rs.getLong("received") - rs.getLong("shipped");
                       long reserved = rs.getLong("reserved");
                       return new InventoryLevel(sku, onHand, reserved, Math.max(0, onHand - reserved));
                   })
                   .optional();
    }

    public Optional<ShipmentSummary> shipment(String shipmentId) {
        return jdbc.sql("SELECT * FROM shipment_view WHERE shipment_id = ?")
                   .param(shipmentId)
                   .query(this::summary)
                   .optional();
    }

    public List<ShipmentSummary> shipmentsOfOrder(String orderId) {
        return jdbc.sql("SELECT * FROM shipment_view WHERE order_id = ? ORDER BY updated_at, shipment_id")
                   .param(orderId)
                   .query(this::summary)
                   .list();
    }

    private ShipmentSummary summary(ResultSet rs, int row) throws SQLException {
        try {
            return new ShipmentSummary(rs.getString("shipment_id"), rs.getString("order_id"),
                                       ShipmentStatus.valueOf(rs.getString("status")),
                                       json.readValue(rs.getString("lines"), LINES),
                                       rs.getTimestamp("updated_at").toInstant());
        } catch (JacksonException e) {
            throw new IllegalStateException("Shipment " + rs.getString("shipment_id") + " has unreadable lines", e);
        }
    }
}
