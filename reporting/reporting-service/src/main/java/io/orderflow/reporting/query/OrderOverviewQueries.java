package io.orderflow.reporting.query;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads the order overview. */
@Repository
public class OrderOverviewQueries {

    private static final Comparator<TimelineEntry> CHRONOLOGICAL =
            Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::step);

    private final JdbcClient jdbc;

    public OrderOverviewQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement, so the row and its timeline come from the same snapshot. */
    public Optional<OrderOverview> find(FactsCopy copy, String orderId) {
        return jdbc.sql(copy.sql("""
                        SELECT o.*, t.step, t.occurred_at
                        FROM facts.order_overview o LEFT JOIN facts.order_timeline t ON t.order_id = o.order_id
                        WHERE o.order_id = ?
                        """))
                   .param(orderId)
                   .query(OrderOverviewQueries::overview);
    }

    private static Optional<OrderOverview> overview(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return Optional.empty();
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        OrderOverview overview = new OrderOverview(
                rs.getString("order_id"), rs.getString("customer_id"), rs.getString("order_status"),
                rs.getString("reason"), rs.getBigDecimal("total"), rs.getString("currency"),
                rs.getString("payment_status"),
                rs.getString("stock_status"), rs.getString("shipment_id"), rs.getString("shipment_status"),
                instant(rs.getTimestamp("placed_at")), instant(rs.getTimestamp("updated_at")), timeline);
        do {
            if (rs.getString("step") != null) {
                timeline.add(new TimelineEntry(TimelineStep.valueOf(rs.getString("step")),
                                               instant(rs.getTimestamp("occurred_at"))));
            }
        } while (rs.next());
        timeline.sort(CHRONOLOGICAL);
        return Optional.of(overview);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
