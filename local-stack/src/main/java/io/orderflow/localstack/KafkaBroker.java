package io.orderflow.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker in KRaft mode (one node, broker and controller combined) in its own JVM, so that it can be
 * stopped, killed and restarted independently of the services and of this program.
 */
final class KafkaBroker {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String TIMESTAMPED_LOG = "-Dorg.slf4j.simpleLogger.showDateTime=true";
    private static final String TIMESTAMP_FORMAT = "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS";

    private final Path logDir;
    private final Path configFile;
    private final int port;
    private final int controllerPort;
    private final LogFile logFile;
    private Process process;

    KafkaBroker(Path logDir, Path configFile, int port, int controllerPort, LogFile logFile) {
        this.logDir = logDir;
        this.configFile = configFile;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logFile = logFile;
    }

    /** Formats the log directory on first use, launches the broker JVM and returns it without waiting. */
    Process launch() {
        writeConfig();
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format();
        }
        process = ChildJvm.start(List.of("-Xmx512m", TIMESTAMPED_LOG, TIMESTAMP_FORMAT,
                                         "-cp", Classpath.ofThisProgram(), "kafka.Kafka", configFile.toString()),
                                 Map.of(), logDir.getParent(), logFile);
        return process;
    }

    /** Waits until the broker accepts connections and answers an admin request. */
    void awaitReady() {
        Process starting = process;
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!Readiness.accepts("127.0.0.1", port)) {
            requireAliveBefore(starting, deadline);
            Readiness.pause();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                                               AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                                               AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            while (!listsTopics(admin)) {
                requireAliveBefore(starting, deadline);
                Readiness.pause();
            }
        }
    }

    private void requireAliveBefore(Process starting, long deadline) {
        if (!starting.isAlive()) {
            throw new IllegalStateException("Kafka exited with code " + starting.exitValue() + " while starting:"
                                            + System.lineSeparator() + logFile.tail(40));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kafka did not become ready within " + STARTUP_TIMEOUT.toSeconds()
                                            + " s:" + System.lineSeparator() + logFile.tail(40));
        }
    }

    Process process() {
        return process;
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    int port() {
        return port;
    }

    void stop() {
        if (process != null) {
            ProcessTree.stop(process.toHandle(), STOP_GRACE);
            process = null;
        }
    }

    private static boolean listsTopics(Admin admin) {
        try {
            admin.listTopics().names().get(5, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (Exception e) {
            return false;
        }
    }

    private void format() {
        Process formatter = ChildJvm.start(List.of("-Xmx256m", "-cp", Classpath.ofThisProgram(),
                                                   "kafka.tools.StorageTool", "format",
                                                   "--cluster-id", Uuid.randomUuid().toString(),
                                                   "--config", configFile.toString(), "--ignore-formatted"),
                                           Map.of(), logDir.getParent(), logFile);
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS)) {
                ProcessTree.kill(formatter.toHandle());
                throw new IllegalStateException("Formatting Kafka's log directory hung:" + System.lineSeparator()
                                                + logFile.tail(20));
            }
        } catch (InterruptedException e) {
            ProcessTree.kill(formatter.toHandle());
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka's log directory", e);
        }
        if (formatter.exitValue() != 0) {
            throw new IllegalStateException("Formatting Kafka's log directory failed:" + System.lineSeparator()
                                            + logFile.tail(20));
        }
    }

    private void writeConfig() {
        List<String> lines = List.of(
                "# Rewritten by local-stack on every start.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath().toString().replace('\\', '/'),
                "# Services create their topics themselves, with the partitions they need.",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "# Events are kept forever: reporting rebuilds its read models by replaying the topics from the start.",
                "log.retention.hours=-1");
        try {
            Files.createDirectories(configFile.getParent());
            Files.createDirectories(logDir);
            Files.write(configFile, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
