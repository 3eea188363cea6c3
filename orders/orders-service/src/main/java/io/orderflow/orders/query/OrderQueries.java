package io.orderflow.orders.query;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import io.orderflow.orders.api.OrderLine;
import io.orderflow.orders.api.OrderReason;
import io.orderflow.orders.api.OrderStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the orders read model. */
@Repository
public class OrderQueries {

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public OrderQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<OrderSummary> order(String orderId) {
        return jdbc.sql("SELECT * FROM order_summary WHERE order_id = ?")
                   .param(orderId)
                   .query(this::summary)
                   .optional();
    }

    /** @return the customer's newest orders first, at most {@code limit} */
    public List<OrderSummary> ordersOfCustomer(String customerId, int limit) {
        return jdbc.sql("SELECT * FROM order_summary WHERE customer_id = ? ORDER BY placed_at DESC, order_id LIMIT ?")
                   .params(customerId, limit)
                   .query(this::summary)
                   .list();
    }

    private OrderSummary summary(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("reason");
        return new OrderSummary(rs.getString("order_id"), rs.getString("customer_id"),
                                OrderStatus.valueOf(rs.getString("status")),
                                reason == null ? null : OrderReason.valueOf(reason),
                                lines(rs.getString("lines")),
                                rs.getBigDecimal("total").setScale(2, RoundingMode.UNNECESSARY),
                                instant(rs.getTimestamp("placed_at")), instant(rs.getTimestamp("updated_at")),
                                instant(rs.getTimestamp("delivered_at")));
    }

    private List<OrderLine> lines(String value) {
        return json.readValue(value, LINES).stream()
                   .map(line -> new OrderLine(line.sku(), line.quantity(),
                                              line.unitPrice().setScale(2, RoundingMode.HALF_EVEN)))
                   .toList();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
