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

/**
 * Reads the orders read model, with each order's incident: the order saga's dead letters of that order, in the
 * same database (the saga's processing group sequences them by order id).
 */
@Repository
public class OrderQueries {

    private static final String ORDERS_WITH_INCIDENTS = """
            SELECT s.*, i.cause, i.since, i.waiting FROM order_summary s
            LEFT JOIN LATERAL (
                SELECT (array_agg(d.causemessage ORDER BY d.sequenceindex))[1] AS cause,
                       min(d.enqueuedat) AS since, count(*) AS waiting
                FROM deadletterentry d
                WHERE d.processinggroup = 'order-saga' AND d.sequenceidentifier = s.order_id
            ) i ON i.waiting > 0
            """;

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public OrderQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<OrderSummary> order(String orderId) {
        return jdbc.sql(ORDERS_WITH_INCIDENTS + "WHERE s.order_id = ?")
                   .param(orderId)
                   .query(this::summary)
                   .optional();
    }

    /** @return the customer's newest orders first, at most {@code limit} */
    public List<OrderSummary> ordersOfCustomer(String customerId, int limit) {
        return jdbc.sql(ORDERS_WITH_INCIDENTS + "WHERE s.customer_id = ? ORDER BY s.placed_at DESC, s.order_id LIMIT ?")
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
                                instant(rs.getTimestamp("delivered_at")), incident(rs));
    }

    private static OrderIncident incident(ResultSet rs) throws SQLException {
        long waiting = rs.getLong("waiting");
        if (rs.wasNull() || waiting == 0) {
            return null;
        }
        String since = rs.getString("since");
        return new OrderIncident(rs.getString("cause"), since == null ? null : Instant.parse(since), waiting);
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
