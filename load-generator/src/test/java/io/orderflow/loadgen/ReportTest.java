package io.orderflow.loadgen;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    private static final long T0 = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void countsCompletedOrdersInTheWindowAndMeasuresEachStage() {
        List<OrderRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long sent = T0 + i * 100_000L; // one every 100 ms for 1 s
            records.add(completed(sent, 50_000));
        }
        OrderRecord rejected = new OrderRecord(OrderKind.OUT_OF_STOCK, T0 + 500_000);
        accept(rejected);
        rejected.status = "REJECTED";
        rejected.reason = "OUT_OF_STOCK";
        rejected.timeline.put("ORDER_PLACED", T0 + 505_000);
        rejected.timeline.put("ORDER_REJECTED", T0 + 520_000);
        records.add(rejected);
        OrderRecord failed = new OrderRecord(OrderKind.COMPLETE, T0 + 600_000);
        failed.httpStatus = 500;
        failed.error = "POST /orders answered 500";
        records.add(failed);

        StepResult step = new StepResult("10/s", 10, records, T0, T0 + 2_000_000, T0);

        assertThat(step.placed).isEqualTo(12);
        assertThat(step.errors).isEqualTo(1);
        assertThat(step.completedPerSecond).isEqualTo(5.0); // 10 completed in a 2 s window
        assertThat(step.outcomesPerSecond).isEqualTo(5.5);
        assertThat(step.completedLatency.p50()).isEqualTo(50.0);
        assertThat(step.stages.get("placed→reserved").p50()).isEqualTo(10.0);
        assertThat(step.stages.get("dispatched→completed").p99()).isEqualTo(10.0);
        assertThat(step.mix.get("out-of-stock")).containsEntry("REJECTED/OUT_OF_STOCK", 1);
        assertThat(step.mix.get("complete")).containsEntry("COMPLETED", 10).containsEntry("ERROR", 1);
    }

    @Test
    void writesJsonAndBothPlots() throws Exception {
        List<OrderRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(completed(T0 + i * 20_000L, 40_000 + i * 1000L));
        }
        Report report = new Report();
        report.completeShare = 1.0;
        report.pgLimit = List.of(new Database.LimitStep(1, 400), new Database.LimitStep(8, 2000));
        StepResult a = new StepResult("50/s", 50, records, T0, T0 + 2_000_000, T0);
        a.costs.put("dbCommitsPerOrder", 30.0);
        a.costs.put("kafkaMessagesPerOrder", 12.0);
        StepResult b = new StepResult("100/s", 100, records, T0, T0 + 2_000_000, T0);
        report.steps.add(a);
        report.steps.add(b);

        report.write(dir);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report.print(new PrintStream(text, true, StandardCharsets.UTF_8));

        JsonNode json = Http.JSON.readTree(dir.resolve("result.json").toFile());
        assertThat(json.path("postgresCommitsPerSecondMax").asDouble()).isEqualTo(2000.0);
        assertThat(json.path("steps").get(0).path("completedPerSecond").asDouble()).isEqualTo(25.0); // 50 in 2 s
        assertThat(json.path("steps").get(0).path("completedPerSecondOverPostgresCommitsPerSecond").asDouble())
                .isEqualTo(0.0125);
        assertThat(ImageIO.read(dir.resolve("latency-over-time.png").toFile()).getWidth()).isEqualTo(1000);
        assertThat(ImageIO.read(dir.resolve("throughput-curve.png").toFile()).getHeight()).isEqualTo(520);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("50/s", "complete/s", "2000 commits/s");
    }

    private static OrderRecord completed(long sent, long latencyMicros) {
        OrderRecord r = new OrderRecord(OrderKind.COMPLETE, sent);
        accept(r);
        r.status = "COMPLETED";
        r.timeline.put("ORDER_PLACED", sent + 5_000);
        r.timeline.put("STOCK_RESERVED", sent + 15_000);
        r.timeline.put("PAYMENT_AUTHORIZED", sent + 25_000);
        r.timeline.put("SHIPMENT_DISPATCHED", sent + latencyMicros - 10_000);
        r.timeline.put("ORDER_COMPLETED", sent + latencyMicros);
        return r;
    }

    private static void accept(OrderRecord r) {
        r.httpStatus = 202;
        r.orderId = "o-" + r.intendedMicros;
        r.acceptedMicros = r.intendedMicros + 2_000;
    }
}
