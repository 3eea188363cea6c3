package io.orderflow.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One service's JVM: launched from its built jar, configured by environment only. */
final class ServiceProcess {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Service service;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final LogFile logFile;
    private Process process;

    ServiceProcess(Service service, Path jar, int port, Map<String, String> env, Path workingDirectory,
                   LogFile logFile) {
        this.service = service;
        this.jar = jar;
        this.port = port;
        this.env = Map.copyOf(env);
        this.workingDirectory = workingDirectory;
        this.logFile = logFile;
    }

    Service service() {
        return service;
    }

    LogFile logFile() {
        return logFile;
    }

    String url() {
        return "http://localhost:" + port;
    }

    Process process() {
        return process;
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    void requireJar() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(service + ": no jar at " + jar + " (build it first: ./mvnw -q -B -pl "
                                            + service.id() + "/" + service.id() + "-service -am package -DskipTests)");
        }
    }

    Process launch() {
        requireJar();
        process = ChildJvm.start(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders",
                                         "-jar", jar.toString()), env,
                                 workingDirectory, logFile);
        return process;
    }

    boolean isHealthy() {
        return HealthCheck.isUp("http://127.0.0.1:" + port);
    }

    void stop() {
        if (process != null) {
            ProcessTree.stop(process.toHandle(), STOP_GRACE);
        }
    }

    void kill() {
        if (process != null) {
            ProcessTree.kill(process.toHandle());
        }
    }
}
