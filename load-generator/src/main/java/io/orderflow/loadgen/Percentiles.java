package io.orderflow.loadgen;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Summary of a sample of latencies in milliseconds: nearest-rank percentiles (no interpolation). */
record Percentiles(int count, double mean, double p50, double p90, double p99, double max) {

    static final Percentiles EMPTY = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Percentiles of(Collection<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static Percentiles of(double[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Percentiles(sorted.length, sum / sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                               sorted[sorted.length - 1]);
    }

    /** Nearest rank: the smallest value such that at least {@code p}% of the sample is at most it. */
    static double rank(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("meanMs", round(mean));
        m.put("p50Ms", round(p50));
        m.put("p90Ms", round(p90));
        m.put("p99Ms", round(p99));
        m.put("maxMs", round(max));
        return m;
    }

    static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
    }
}
