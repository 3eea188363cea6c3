package io.orderflow.systemtest;

import io.orderflow.localstack.ProcessTree;
import io.orderflow.localstack.RepoRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps a regression of the order path from landing unseen: a short run of the load generator (300 orders at 5/s on
 * a fresh stack it starts and stops itself, the default mix) must bring every order to an outcome, and may not cost
 * more database commits or Kafka messages per order than {@code load-generator/cost-budget.properties} allows. The
 * generator runs as its own process, as a user runs it; its report (with CPU-ms per order per process) is printed.
 */
class CostBudgetIT {

    private static final Duration RUN_LIMIT = Duration.ofMinutes(10);

    @TempDir
    Path out;

    @Test
    void anOrderCostsNoMoreCommitsAndMessagesThanBudgeted() throws Exception {
        Path root = RepoRoot.fromWorkingDirectory();
        Properties budget = new Properties();
        try (Reader reader = Files.newBufferedReader(root.resolve("load-generator/cost-budget.properties"))) {
            budget.load(reader);
        }

        JsonNode result = benchmark(root, "--rates", "5", "--duration", "60s", "--warmup", "5s", "--customers", "20",
                                    "--skus", "10", "--pg-limit-seconds", "0", "--drain-timeout", "90s");

        JsonNode step = result.path("steps").path(0);
        assertThat(step.path("errors").asInt(-1)).as("orders without an outcome, or failed").isZero();
        assertThat(step.path("ordersAccepted").asInt()).as("orders accepted, not refused").isGreaterThanOrEqualTo(285);
        for (String figure : List.of("dbCommitsPerOrder", "kafkaMessagesPerOrder")) {
            assertThat(step.path("costs").path(figure).asDouble())
                    .as(figure + " (budget in load-generator/cost-budget.properties)")
                    .isLessThanOrEqualTo(Double.parseDouble(budget.getProperty(figure)));
        }
    }

    /** Runs the generator's jar on this test's JDK, stops it (and the stack it started) if it overruns. */
    private JsonNode benchmark(Path root, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar",
                root.resolve("load-generator/target/load-generator.jar").toString(), "--out", out.toString()));
        command.addAll(List.of(options));
        Path log = out.resolve("generator.log");
        Process generator = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                                                       .redirectOutput(log.toFile()).start();
        try {
            assertThat(generator.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the load generator ended within " + RUN_LIMIT).isTrue();
        } finally {
            ProcessTree.stop(generator.toHandle(), Duration.ofSeconds(60));
            System.out.println(Files.readString(log));
        }
        assertThat(generator.exitValue()).as("the load generator's exit code").isZero();
        return new ObjectMapper().readTree(out.resolve("result.json").toFile());
    }
}
