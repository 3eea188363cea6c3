package io.orderflow.reporting.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sales per UTC day, every day of the range included.
 *
 * @param from first day
 * @param to   last day (inclusive)
 * @param days one entry per day, oldest first
 */
public record DailySalesReport(LocalDate from, LocalDate to, List<Day> days) implements Tabular {

    /**
     * @param placed            orders placed that day
     * @param completed         orders completed that day
     * @param rejected          orders rejected that day
     * @param rejectedByReason  the same by reason ({@code OUT_OF_STOCK}, {@code PAYMENT_DECLINED})
     * @param cancelled         orders cancelled that day
     * @param cancelledByReason the same by reason ({@code CANCELLED_BY_CUSTOMER}, {@code TIMEOUT})
     * @param captures          payments captured that day
     * @param grossRevenue      the amount captured that day
     * @param refunds           the amount refunded that day
     * @param averageOrderValue gross revenue per capture; {@code null} on a day without captures
     */
    public record Day(LocalDate day, long placed, long completed, long rejected, Map<String, Long> rejectedByReason,
                      long cancelled, Map<String, Long> cancelledByReason, long captures, BigDecimal grossRevenue,
                      BigDecimal refunds, BigDecimal averageOrderValue) {
    }

    @Override
    public List<String> header() {
        List<String> header = new ArrayList<>(List.of("day", "placed", "completed", "rejected"));
        reasons(true).forEach(reason -> header.add("rejected_" + reason));
        header.add("cancelled");
        reasons(false).forEach(reason -> header.add("cancelled_" + reason));
        header.addAll(List.of("captures", "grossRevenue", "refunds", "averageOrderValue"));
        return header;
    }

    @Override
    public List<List<Object>> rows() {
        return days.stream().map(day -> {
            List<Object> row = new ArrayList<>(List.of(day.day, day.placed, day.completed, day.rejected));
            reasons(true).forEach(reason -> row.add(day.rejectedByReason.getOrDefault(reason, 0L)));
            row.add(day.cancelled);
            reasons(false).forEach(reason -> row.add(day.cancelledByReason.getOrDefault(reason, 0L)));
            row.add(day.captures);
            row.add(day.grossRevenue);
            row.add(day.refunds);
            row.add(day.averageOrderValue);
            return row;
        }).toList();
    }

    private List<String> reasons(boolean rejected) {
        return days.stream().flatMap(day -> (rejected ? day.rejectedByReason : day.cancelledByReason).keySet().stream())
                   .distinct().sorted().toList();
    }
}
