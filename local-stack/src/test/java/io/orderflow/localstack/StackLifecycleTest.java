package io.orderflow.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting and stopping the infrastructure on a data directory that outlives the stack. */
class StackLifecycleTest {

    @TempDir
    Path root;

    @Test
    void keepsDataAcrossRestarts() throws SQLException {
        StackConfig config = StackConfig.defaults().withDataDir(root.resolve("data")).withoutServices().withFreePorts();
        try (Stack first = new Stack(config).start()) {
            execute(first, "CREATE TABLE kept (id int PRIMARY KEY)", "INSERT INTO kept VALUES (42)");
        }

        try (Stack second = new Stack(config).start();
             Connection connection = DriverManager.getConnection(second.jdbcUrl("orders"), "orders", "orders");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT id FROM kept")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void leavesNoProcessBehindAndKeepsItsData() throws Exception {
        Path dataDir = root.resolve("data");
        Path unrelated = Files.writeString(root.resolve("neighbour.txt"), "x");
        Stack stack = new Stack(StackConfig.defaults().withDataDir(dataDir).withoutServices().withFreePorts()).start();
        List<ProcessHandle> started = new ArrayList<>();
        for (ProcessHandle process : stack.processes()) {
            started.add(process);
            started.addAll(process.descendants().toList());
        }
        assertThat(stack.processes()).hasSize(2);
        assertThat(started).hasSizeGreaterThan(2);

        stack.close();

        for (ProcessHandle process : started) {
            assertThat(process.onExit()).succeedsWithin(Duration.ofSeconds(5));
            assertThat(process.isAlive()).as("pid %d", process.pid()).isFalse();
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        assertThat(dataDir.resolve("kafka/meta.properties")).exists();
        assertThat(dataDir.resolve("logs/kafka.log")).exists();
        assertThat(unrelated).hasContent("x");
    }

    private static void execute(Stack stack, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("orders"), "orders", "orders");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
