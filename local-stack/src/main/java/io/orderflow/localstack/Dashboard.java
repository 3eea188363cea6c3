package io.orderflow.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operators' dashboard process ({@code dashboard/target/dashboard.jar}) over the stack's services. */
final class Dashboard {

    static final int DEFAULT_PORT = 8080;
    static final String NAME = "dashboard";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final LogFile logFile;
    private Process process;

    Dashboard(StackConfig config, int port, OperatorCredential operator, Path workingDirectory, LogFile logFile) {
        this.jar = jar(config.repoRoot());
        this.port = port;
        this.workingDirectory = workingDirectory;
        this.logFile = logFile;
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("SERVER_PORT", String.valueOf(port));
        for (Service service : Service.values()) {
            vars.put(service.name() + "_URL", "http://127.0.0.1:" + config.servicePort(service));
        }
        vars.put(OperatorCredential.USER_VARIABLE, operator.user());
        vars.put(OperatorCredential.PASSWORD_VARIABLE, operator.password());
        this.env = Map.copyOf(vars);
    }

    static Path jar(Path repoRoot) {
        return repoRoot.resolve("dashboard").resolve("target").resolve("dashboard.jar");
    }

    String url() {
        return "http://localhost:" + port;
    }

    LogFile logFile() {
        return logFile;
    }

    Process launch() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("dashboard: no jar at " + jar
                                            + " (build it first: ./mvnw -q -B -pl dashboard package -DskipTests)");
        }
        process = ChildJvm.start(List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders",
                                         "-jar", jar.toString()), env,
                                 workingDirectory, logFile);
        return process;
    }

    Process process() {
        return process;
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    boolean isHealthy() {
        return HealthCheck.isUp("http://127.0.0.1:" + port);
    }

    void stop() {
        if (process != null) {
            ProcessTree.stop(process.toHandle(), STOP_GRACE);
        }
    }
}
