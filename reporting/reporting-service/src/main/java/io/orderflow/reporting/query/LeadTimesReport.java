package io.orderflow.reporting.query;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * How long orders placed in the range took, in seconds, from being placed to their shipment's dispatch and to their
 * completion. Orders that have not reached the step are not counted.
 *
 * @param from               first UTC day an order was placed
 * @param to                 last UTC day (inclusive)
 * @param placedToDispatched placed → shipment dispatched
 * @param placedToCompleted  placed → order completed
 */
public record LeadTimesReport(LocalDate from, LocalDate to, LeadTime placedToDispatched, LeadTime placedToCompleted)
        implements Tabular {

    /**
     * @param orders orders measured
     * @param p50    median, seconds; {@code null} without orders
     * @param p90    90th percentile, seconds
     * @param p99    99th percentile, seconds
     */
    public record LeadTime(long orders, Double p50, Double p90, Double p99) {
    }

    @Override
    public List<String> header() {
        return List.of("leadTime", "orders", "p50", "p90", "p99");
    }

    @Override
    public List<List<Object>> rows() {
        return List.of(row("placedToDispatched", placedToDispatched), row("placedToCompleted", placedToCompleted));
    }

    private static List<Object> row(String name, LeadTime time) {
        return Arrays.asList(name, time.orders, time.p50, time.p90, time.p99);
    }
}
