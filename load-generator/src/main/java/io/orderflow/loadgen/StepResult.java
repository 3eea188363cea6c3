package io.orderflow.loadgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one step (one rate or one number of clients) measured, computed from its orders. */
final class StepResult {

    static final String[][] STAGES = {
            {"post→placed", null, "ORDER_PLACED"},
            {"placed→reserved", "ORDER_PLACED", "STOCK_RESERVED"},
            {"reserved→authorized", "STOCK_RESERVED", "PAYMENT_AUTHORIZED"},
            {"authorized→dispatched", "PAYMENT_AUTHORIZED", "SHIPMENT_DISPATCHED"},
            {"dispatched→completed", "SHIPMENT_DISPATCHED", "ORDER_COMPLETED"},
    };

    final String load;
    final double offered;
    final double windowSeconds;
    final int placed;
    final int accepted;
    final int errors;
    /** Orders the system refused (503 with Retry-After) instead of accepting them. */
    final int refused;
    /** Orders of this step that completed, whenever they did. */
    final int completed;
    final List<String> errorSamples = new ArrayList<>();
    final double placedPerSecond;
    final double completedPerSecond;
    final double outcomesPerSecond;
    final Percentiles completedLatency;
    final Percentiles allLatency;
    final Percentiles postLatency;
    /** Per stage, over every order sent in the window that passed it (not only the completed ones). */
    final Map<String, Percentiles> stages = new LinkedHashMap<>();
    final Map<String, Map<String, Integer>> mix = new LinkedHashMap<>();
    final List<double[]> latencyPoints = new ArrayList<>();
    double drainSeconds;
    Map<String, Object> costs = new LinkedHashMap<>();
    List<ProcessStats.Usage> processes = List.of();

    /**
     * @param windowFromMicros start of the measured window (after warm-up), wall clock µs
     * @param windowToMicros   end of the step (last order due), wall clock µs
     * @param runStartMicros   origin of the latency-over-time plot
     */
    StepResult(String load, double offered, List<OrderRecord> records, long windowFromMicros, long windowToMicros,
               long runStartMicros) {
        this.load = load;
        this.offered = offered;
        this.windowSeconds = (windowToMicros - windowFromMicros) / 1e6;
        this.placed = records.size();
        int ok = 0;
        int failed = 0;
        int refusedCount = 0;
        int inWindowPlaced = 0;
        int completedInWindow = 0;
        int completedAll = 0;
        int outcomesInWindow = 0;
        List<Double> completed = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        List<Double> post = new ArrayList<>();
        Map<String, List<Double>> stageValues = new LinkedHashMap<>();
        for (String[] stage : STAGES) {
            stageValues.put(stage[0], new ArrayList<>());
        }
        for (OrderKind kind : OrderKind.values()) {
            mix.put(kind.option(), new TreeMap<>());
        }
        for (OrderRecord r : records) {
            mix.get(r.kind.option()).merge(r.outcome(), 1, Integer::sum);
            if (r.accepted()) {
                ok++;
            }
            if (r.refused) {
                refusedCount++;
                continue;
            }
            if (r.error != null || !r.accepted()) {
                failed++;
                if (errorSamples.size() < 5) {
                    errorSamples.add(String.valueOf(r.error));
                }
                continue;
            }
            boolean sentInWindow = r.intendedMicros >= windowFromMicros && r.intendedMicros < windowToMicros;
            if (sentInWindow) {
                inWindowPlaced++;
                post.add((r.acceptedMicros - r.intendedMicros) / 1000.0);
            }
            if (sentInWindow) {
                // every order that passed a stage counts for it, also one that ended otherwise or not at all
                for (String[] stage : STAGES) {
                    double v = stage[1] == null
                            ? (r.timeline.getOrDefault(stage[2], r.intendedMicros) - r.intendedMicros) / 1000.0
                            : r.between(stage[1], stage[2]);
                    if (!Double.isNaN(v)) {
                        stageValues.get(stage[0]).add(v);
                    }
                }
            }
            long end = r.terminalMicros();
            if (end < 0) {
                continue;
            }
            boolean completedOrder = r.timeline.containsKey("ORDER_COMPLETED");
            if (completedOrder) {
                completedAll++;
            }
            if (end >= windowFromMicros && end < windowToMicros) {
                outcomesInWindow++;
                if (completedOrder) {
                    completedInWindow++;
                }
            }
            double latency = (end - r.intendedMicros) / 1000.0;
            if (completedOrder) {
                latencyPoints.add(new double[] {(r.intendedMicros - runStartMicros) / 1e6, latency});
            }
            if (!sentInWindow) {
                continue;
            }
            all.add(latency);
            if (completedOrder) {
                completed.add(latency);
            }
        }
        this.accepted = ok;
        this.errors = failed;
        this.refused = refusedCount;
        this.completed = completedAll;
        this.placedPerSecond = inWindowPlaced / windowSeconds;
        this.completedPerSecond = completedInWindow / windowSeconds;
        this.outcomesPerSecond = outcomesInWindow / windowSeconds;
        this.completedLatency = Percentiles.of(completed);
        this.allLatency = Percentiles.of(all);
        this.postLatency = Percentiles.of(post);
        stageValues.forEach((name, values) -> stages.put(name, Percentiles.of(values)));
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("load", load);
        m.put("offered", offered);
        m.put("measuredWindowSeconds", round(windowSeconds));
        m.put("ordersPlaced", placed);
        m.put("ordersAccepted", accepted);
        m.put("errors", errors);
        m.put("refused", refused);
        m.put("errorSamples", errorSamples);
        m.put("placedPerSecond", round(placedPerSecond));
        m.put("completedPerSecond", round(completedPerSecond));
        m.put("outcomesPerSecond", round(outcomesPerSecond));
        m.put("drainSeconds", round(drainSeconds));
        m.put("latencyPlaceToCompleted", completedLatency.toMap());
        m.put("latencyPlaceToAnyOutcome", allLatency.toMap());
        m.put("latencyPostAccepted", postLatency.toMap());
        Map<String, Object> st = new LinkedHashMap<>();
        stages.forEach((k, v) -> st.put(k, v.toMap()));
        m.put("stages", st);
        m.put("intendedToActualMix", mix);
        m.put("costs", costs);
        List<Map<String, Object>> procs = new ArrayList<>();
        for (ProcessStats.Usage u : processes) {
            procs.add(Map.of("process", u.name(), "cpuCores", u.cpuCores(), "rssMbMax", u.rssMbMax()));
        }
        m.put("processes", procs);
        return m;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
