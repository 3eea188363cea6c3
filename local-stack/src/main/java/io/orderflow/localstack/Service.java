package io.orderflow.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The four deployable services, each with its own database, role and default HTTP port. */
public enum Service {
    ORDERS(8081),
    PAYMENTS(8082),
    FULFILLMENT(8083),
    REPORTING(8084);

    private final int defaultPort;

    Service(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** @return the lower-case name used for its directory, database, role and log file */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** @return where the service's build puts its executable jar */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve(id()).resolve(id() + "-service").resolve("target").resolve(id() + "-service.jar");
    }

    public static Service byId(String id) {
        return Arrays.stream(values())
                     .filter(service -> service.id().equals(id.trim().toLowerCase(Locale.ROOT)))
                     .findFirst()
                     .orElseThrow(() -> new IllegalArgumentException(
                             "Unknown service '" + id + "', expected one of " + Arrays.toString(values())));
    }

    @Override
    public String toString() {
        return id();
    }
}
