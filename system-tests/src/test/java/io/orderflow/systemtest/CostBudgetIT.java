package io.orderflow.systemtest;

import io.orderflow.loadgen.LoadGenerator;
import io.orderflow.localstack.RepoRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps a regression of the order path from landing unseen: a short run of the load generator (300 orders at 5/s on
 * a fresh stack, the default mix) must bring every order to an outcome, and may not cost more database commits or
 * Kafka messages per order than {@code load-generator/cost-budget.properties} allows. The generator's report (in
 * the test output) prints CPU-ms per order per process beside them.
 */
class CostBudgetIT {

    @TempDir
    Path out;

    @Test
    void anOrderCostsNoMoreCommitsAndMessagesThanBudgeted() throws Exception {
        Path root = RepoRoot.fromWorkingDirectory();
        Properties budget = new Properties();
        try (Reader reader = Files.newBufferedReader(root.resolve("load-generator/cost-budget.properties"))) {
            budget.load(reader);
        }

        Map<String, Object> result = LoadGenerator.benchmark(
                "--rates", "5", "--duration", "60s", "--warmup", "5s", "--customers", "20", "--skus", "10",
                "--pg-limit-seconds", "0", "--drain-timeout", "90s", "--out", out.toString());

        @SuppressWarnings("unchecked")
        Map<String, Object> step = ((List<Map<String, Object>>) result.get("steps")).getFirst();
        @SuppressWarnings("unchecked")
        Map<String, Object> costs = (Map<String, Object>) step.get("costs");
        assertThat(step.get("errors")).as("orders without an outcome, or refused").isEqualTo(0);
        assertThat(((Number) step.get("ordersAccepted")).intValue()).isGreaterThanOrEqualTo(290);
        for (String figure : List.of("dbCommitsPerOrder", "kafkaMessagesPerOrder")) {
            assertThat(((Number) costs.get(figure)).doubleValue())
                    .as(figure + " (budget in load-generator/cost-budget.properties)")
                    .isLessThanOrEqualTo(Double.parseDouble(budget.getProperty(figure)));
        }
    }
}
