package io.orderflow.reporting.query;

import java.util.Arrays;
import java.util.List;

/**
 * How order transactions ended.
 *
 * @param ended      orders that reached an end: completed, rejected or cancelled
 * @param inProgress orders not ended yet
 * @param outcomes   one entry per end and reason, most frequent first
 */
public record OutcomesReport(long ended, long inProgress, List<Outcome> outcomes) implements Tabular {

    /**
     * @param outcome {@code COMPLETED} (delivered ones included), {@code REJECTED} or {@code CANCELLED}
     * @param reason  why it was rejected or cancelled; {@code null} for completed orders
     * @param count   orders that ended so
     * @param share   {@code count} of {@code ended}, 0..1
     */
    public record Outcome(String outcome, String reason, long count, double share) {
    }

    @Override
    public List<String> header() {
        return List.of("outcome", "reason", "count", "share");
    }

    @Override
    public List<List<Object>> rows() {
        return outcomes.stream().map(o -> Arrays.<Object>asList(o.outcome, o.reason, o.count, o.share)).toList();
    }
}
