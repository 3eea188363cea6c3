package io.orderflow.reporting.query;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reports, each a query over one copy of the order facts. A day is a UTC day; an order counts on the day of the
 * event that recorded the step (its timeline entry).
 */
@Repository
public class ReportQueries {

    private static final List<String> REJECT_REASONS = List.of("OUT_OF_STOCK", "PAYMENT_DECLINED");
    private static final List<String> CANCEL_REASONS = List.of("CANCELLED_BY_CUSTOMER", "TIMEOUT");

    private final JdbcClient jdbc;

    public ReportQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public DailySalesReport dailySales(FactsCopy copy, LocalDate from, LocalDate to) {
        record Count(LocalDate day, String step, String reason, long orders, BigDecimal captured,
                     BigDecimal refunded) {
        }
        List<Count> counts = jdbc.sql(copy.sql("""
                        SELECT CAST(t.occurred_at AT TIME ZONE 'UTC' AS DATE) AS day, t.step, o.reason,
                               count(*) AS orders, sum(o.captured_amount) AS captured,
                               sum(o.refunded_amount) AS refunded
                        FROM facts.order_timeline t JOIN facts.order_overview o ON o.order_id = t.order_id
                        WHERE t.step IN ('ORDER_PLACED', 'ORDER_COMPLETED', 'ORDER_REJECTED', 'ORDER_CANCELLED',
                                         'PAYMENT_CAPTURED', 'PAYMENT_REFUNDED')
                          AND t.occurred_at >= ? AND t.occurred_at < ?
                        GROUP BY 1, 2, 3
                        """))
                                 .params(start(from), start(to.plusDays(1)))
                                 .query((rs, n) -> new Count(rs.getObject("day", LocalDate.class),
                                                             rs.getString("step"), rs.getString("reason"),
                                                             rs.getLong("orders"), rs.getBigDecimal("captured"),
                                                             rs.getBigDecimal("refunded")))
                                 .list();
        List<DailySalesReport.Day> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            long placed = 0, completed = 0, rejected = 0, cancelled = 0, captures = 0;
            BigDecimal revenue = BigDecimal.ZERO.setScale(2);
            BigDecimal refunds = BigDecimal.ZERO.setScale(2);
            Map<String, Long> rejectedBy = zeros(REJECT_REASONS);
            Map<String, Long> cancelledBy = zeros(CANCEL_REASONS);
            for (Count count : counts) {
                if (!count.day.equals(day)) {
                    continue;
                }
                String reason = count.reason == null ? "UNKNOWN" : count.reason;
                switch (count.step) {
                    case "ORDER_PLACED" -> placed += count.orders;
                    case "ORDER_COMPLETED" -> completed += count.orders;
                    case "ORDER_REJECTED" -> {
                        rejected += count.orders;
                        rejectedBy.merge(reason, count.orders, Long::sum);
                    }
                    case "ORDER_CANCELLED" -> {
                        cancelled += count.orders;
                        cancelledBy.merge(reason, count.orders, Long::sum);
                    }
                    case "PAYMENT_CAPTURED" -> {
                        captures += count.orders;
                        revenue = revenue.add(orZero(count.captured));
                    }
                    case "PAYMENT_REFUNDED" -> refunds = refunds.add(orZero(count.refunded));
                    default -> throw new IllegalStateException("Unexpected step " + count.step);
                }
            }
            BigDecimal average = captures == 0 ? null
                                               : revenue.divide(BigDecimal.valueOf(captures), 2, RoundingMode.HALF_UP);
            days.add(new DailySalesReport.Day(day, placed, completed, rejected, rejectedBy, cancelled, cancelledBy,
                                              captures, revenue, refunds, average));
        }
        return new DailySalesReport(from, to, days);
    }

    public TopProductsReport topProducts(FactsCopy copy, LocalDate from, LocalDate to, int limit) {
        List<TopProductsReport.Product> products = jdbc.sql(copy.sql("""
                        SELECT l.sku, sum(l.quantity) AS units, sum(l.quantity * l.unit_price) AS revenue,
                               count(*) AS orders
                        FROM facts.order_line l
                             JOIN facts.order_timeline t ON t.order_id = l.order_id AND t.step = 'ORDER_COMPLETED'
                        WHERE t.occurred_at >= ? AND t.occurred_at < ?
                        GROUP BY l.sku
                        ORDER BY revenue DESC, units DESC, l.sku
                        LIMIT ?
                        """))
                                                       .params(start(from), start(to.plusDays(1)), limit)
                                                       .query((rs, n) -> new TopProductsReport.Product(
                                                               rs.getString("sku"), rs.getLong("units"),
                                                               rs.getBigDecimal("revenue").setScale(2),
                                                               rs.getLong("orders")))
                                                       .list();
        return new TopProductsReport(from, to, limit, products);
    }

    public Optional<CustomerReport> customer(FactsCopy copy, String customerId) {
        return jdbc.sql(copy.sql("""
                        SELECT count(*) FILTER (WHERE placed_at IS NOT NULL) AS orders,
                               count(*) FILTER (WHERE order_status IN ('COMPLETED', 'DELIVERED')) AS completed,
                               count(*) FILTER (WHERE order_status = 'REJECTED') AS rejected,
                               count(*) FILTER (WHERE order_status = 'CANCELLED') AS cancelled,
                               count(*) FILTER (WHERE order_status IN ('PLACED', 'CONFIRMED', 'SHIPPED')) AS in_progress,
                               coalesce(sum(captured_amount), 0) - coalesce(sum(refunded_amount), 0) AS spent,
                               (SELECT order_id FROM facts.order_overview
                                WHERE customer_id = :customerId AND placed_at IS NOT NULL
                                ORDER BY placed_at DESC, order_id DESC LIMIT 1) AS last_order_id,
                               max(placed_at) AS last_order_at
                        FROM facts.order_overview WHERE customer_id = :customerId
                        HAVING count(*) > 0
                        """))
                   .param("customerId", customerId)
                   .query((rs, n) -> new CustomerReport(customerId, rs.getLong("orders"), rs.getLong("completed"),
                                                        rs.getLong("rejected"), rs.getLong("cancelled"),
                                                        rs.getLong("in_progress"),
                                                        rs.getBigDecimal("spent").setScale(2),
                                                        rs.getString("last_order_id"),
                                                        Optional.ofNullable(rs.getTimestamp("last_order_at"))
                                                                .map(Timestamp::toInstant).orElse(null)))
                   .optional();
    }

    public LeadTimesReport leadTimes(FactsCopy copy, LocalDate from, LocalDate to) {
        return new LeadTimesReport(from, to, leadTime(copy, "SHIPMENT_DISPATCHED", from, to),
                                   leadTime(copy, "ORDER_COMPLETED", from, to));
    }

    private LeadTimesReport.LeadTime leadTime(FactsCopy copy, String step, LocalDate from, LocalDate to) {
        return jdbc.sql(copy.sql("""
                        SELECT count(*) AS orders,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS p50,
                               percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90,
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY seconds) AS p99
                        FROM (SELECT extract(EPOCH FROM s.occurred_at - p.occurred_at) AS seconds
                              FROM facts.order_timeline p
                                   JOIN facts.order_timeline s ON s.order_id = p.order_id AND s.step = ?
                              WHERE p.step = 'ORDER_PLACED' AND p.occurred_at >= ? AND p.occurred_at < ?) AS times
                        """))
                   .params(step, start(from), start(to.plusDays(1)))
                   .query((rs, n) -> new LeadTimesReport.LeadTime(rs.getLong("orders"), seconds(rs.getObject("p50")),
                                                                  seconds(rs.getObject("p90")),
                                                                  seconds(rs.getObject("p99"))))
                   .single();
    }

    public OutcomesReport outcomes(FactsCopy copy) {
        record Count(String outcome, String reason, long orders) {
        }
        List<Count> counts = jdbc.sql(copy.sql("""
                        SELECT CASE WHEN order_status = 'DELIVERED' THEN 'COMPLETED' ELSE order_status END AS outcome,
                               CASE WHEN order_status IN ('REJECTED', 'CANCELLED') THEN reason END AS reason,
                               count(*) AS orders
                        FROM facts.order_overview
                        WHERE order_status IS NOT NULL
                        GROUP BY 1, 2
                        """))
                                 .query((rs, n) -> new Count(rs.getString("outcome"), rs.getString("reason"),
                                                             rs.getLong("orders")))
                                 .list();
        long ended = 0;
        long inProgress = 0;
        Map<String, Long> byOutcome = new TreeMap<>();
        for (Count count : counts) {
            switch (count.outcome) {
                case "COMPLETED", "REJECTED", "CANCELLED" -> {
                    ended += count.orders;
                    byOutcome.merge(count.outcome + "/" + (count.reason == null ? "" : count.reason), count.orders,
                                    Long::sum);
                }
                default -> inProgress += count.orders;
            }
        }
        long total = ended;
        List<OutcomesReport.Outcome> outcomes = new ArrayList<>();
        byOutcome.forEach((key, orders) -> {
            String[] parts = key.split("/", -1);
            double share = total == 0 ? 0 : Math.round(10000.0 * orders / total) / 10000.0;
            outcomes.add(new OutcomesReport.Outcome(parts[0], parts[1].isEmpty() ? null : parts[1], orders, share));
        });
        outcomes.sort((a, b) -> Long.compare(b.count(), a.count()));
        return new OutcomesReport(ended, inProgress, outcomes);
    }

    private static Map<String, Long> zeros(List<String> reasons) {
        Map<String, Long> zeros = new HashMap<>();
        reasons.forEach(reason -> zeros.put(reason, 0L));
        return new TreeMap<>(zeros);
    }

    private static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static Double seconds(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 1000) / 1000.0;
    }
}
