package io.orderflow.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's result as a table on stdout, a JSON file and two PNG plots. */
final class Report {

    final Map<String, Object> run = new LinkedHashMap<>();
    final List<StepResult> steps = new ArrayList<>();
    List<Database.LimitStep> pgLimit = List.of();
    double completeShare;
    boolean closedLoop;

    double pgCommitsPerSecond() {
        return pgLimit.stream().mapToDouble(Database.LimitStep::commitsPerSecond).max().orElse(Double.NaN);
    }

    void print(PrintStream out) {
        out.println();
        out.printf("%-10s %8s %9s %9s %7s %7s %7s %7s %6s %7s %6s %7s %6s %7s %7s%n", "load", "placed/s", "complete/s",
                   "outcome/s", "p50ms", "p90ms", "p99ms", "maxms", "errors", "refused", "drain", "tx/ord", "kafka",
                   "cpu-ms", "ratio");
        double limit = pgCommitsPerSecond();
        for (StepResult s : steps) {
            Object tx = s.costs.getOrDefault("dbCommitsPerOrder", Double.NaN);
            Object msgs = s.costs.getOrDefault("kafkaMessagesPerOrder", Double.NaN);
            Object cpu = s.costs.getOrDefault("cpuMsPerOrder", Double.NaN);
            out.printf("%-10s %8.1f %9.1f %9.1f %7.0f %7.0f %7.0f %7.0f %6d %7d %5.1fs %7.1f %6.1f %7.1f %7.4f%n",
                       s.load, s.placedPerSecond, s.completedPerSecond, s.outcomesPerSecond, s.completedLatency.p50(),
                       s.completedLatency.p90(), s.completedLatency.p99(), s.completedLatency.max(), s.errors, s.refused,
                       s.drainSeconds, ((Number) tx).doubleValue(), ((Number) msgs).doubleValue(),
                       ((Number) cpu).doubleValue(), s.completedPerSecond / limit);
        }
        out.println("(latency: POST /orders due → ORDER_COMPLETED event, completed orders sent in the measured window;"
                    + " tx, kafka, cpu-ms: database commits, Kafka messages, CPU-ms of the system's processes per order"
                    + " placed, idle subtracted; ratio: completed/s ÷ PostgreSQL commits/s)");
        out.println();
        out.println("Per stage (orders sent in the window that passed the stage, p50 / p99 ms):");
        out.printf("%-10s", "load");
        for (String[] stage : StepResult.STAGES) {
            out.printf(" %24s", stage[0]);
        }
        out.println();
        for (StepResult s : steps) {
            out.printf("%-10s", s.load);
            for (String[] stage : StepResult.STAGES) {
                Percentiles p = s.stages.get(stage[0]);
                out.printf(" %24s", String.format("%.0f / %.0f", p.p50(), p.p99()));
            }
            out.println();
        }
        out.println();
        out.println("Intended → actual outcomes:");
        for (StepResult s : steps) {
            out.println("  " + s.load + ": " + s.mix);
            if (!s.errorSamples.isEmpty()) {
                out.println("    errors, e.g.: " + s.errorSamples);
            }
        }
        out.println();
        out.println("CPU (cores, average over the measured window) / max RSS (MB):");
        for (StepResult s : steps) {
            StringBuilder line = new StringBuilder("  " + s.load + ":");
            for (ProcessStats.Usage u : s.processes) {
                line.append(String.format(" %s %.2f/%.0f", u.name(), u.cpuCores(), u.rssMbMax()));
            }
            out.println(line);
        }
        out.println();
        out.println("Costs per order placed: " );
        for (StepResult s : steps) {
            out.println("  " + s.load + ": " + s.costs);
        }
        if (!pgLimit.isEmpty()) {
            out.println();
            out.print("PostgreSQL alone (single-row insert + commit per transaction):");
            for (Database.LimitStep l : pgLimit) {
                out.printf(" %d client(s) %.0f commits/s;", l.clients(), l.commitsPerSecond());
            }
            out.println();
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(run);
        List<Map<String, Object>> limit = new ArrayList<>();
        for (Database.LimitStep l : pgLimit) {
            limit.add(Map.of("clients", l.clients(), "commitsPerSecond", StepResult.round(l.commitsPerSecond())));
        }
        m.put("postgresCommitLimit", limit);
        m.put("postgresCommitsPerSecondMax", StepResult.round(pgCommitsPerSecond()));
        List<Map<String, Object>> st = new ArrayList<>();
        for (StepResult s : steps) {
            Map<String, Object> sm = s.toMap();
            sm.put("completedPerSecondOverPostgresCommitsPerSecond",
                   Math.round(s.completedPerSecond / pgCommitsPerSecond() * 10000) / 10000.0);
            st.add(sm);
        }
        m.put("steps", st);
        return m;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Http.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("result.json").toFile(), toMap());
        List<double[]> points = new ArrayList<>();
        steps.forEach(s -> points.addAll(s.latencyPoints));
        Plots.latencyOverTime(points, "OrderFlow: latency of completed orders over the run (steps: "
                                      + String.join(", ", steps.stream().map(s -> s.load).toList()) + ")",
                              dir.resolve("latency-over-time.png"));
        int n = steps.size();
        double[] offered = new double[n];
        double[] completed = new double[n];
        double[] expected = new double[n];
        double[] p99 = new double[n];
        for (int i = 0; i < n; i++) {
            StepResult s = steps.get(i);
            offered[i] = s.offered;
            completed[i] = s.completedPerSecond;
            expected[i] = s.offered * completeShare;
            p99[i] = s.completedLatency.p99();
        }
        Plots.throughputCurve(offered, completed, closedLoop ? null : expected, p99,
                              closedLoop ? "concurrent clients" : "offered orders/s",
                              "OrderFlow: completed orders/s and p99 latency at increasing load",
                              dir.resolve("throughput-curve.png"));
    }
}
