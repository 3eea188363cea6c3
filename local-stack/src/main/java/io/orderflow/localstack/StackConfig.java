package io.orderflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to start and where. Immutable; every {@code with...} method returns a changed copy.
 *
 * @param repoRoot            the checkout whose {@code <service>/<service>-service/target/<service>-service.jar} are run
 * @param dataDir             holds {@code postgres/}, {@code kafka/}, {@code logs/}; survives restarts
 * @param clean               wipe {@code dataDir} before starting
 * @param pgPort              PostgreSQL port
 * @param kafkaPort           Kafka's client (PLAINTEXT) port
 * @param kafkaControllerPort Kafka's KRaft controller port
 * @param services            the services to run as processes; empty runs only PostgreSQL and Kafka
 * @param servicePorts        HTTP port per service
 * @param dbPasswords         password of each service's database role
 * @param extraEnv            environment added to (or overriding) what a service process gets
 * @param healthTimeout       how long a service may take to report UP
 * @param axonServer          {@code host:port} of a running Axon Server to run the services against (their
 *                            {@code axonserver} profile, no Kafka broker started), or {@code null} for the default:
 *                            events through Kafka, commands over HTTP
 */
public record StackConfig(Path repoRoot,
                          Path dataDir,
                          boolean clean,
                          int pgPort,
                          int kafkaPort,
                          int kafkaControllerPort,
                          Set<Service> services,
                          Map<Service, Integer> servicePorts,
                          Map<Service, String> dbPasswords,
                          Map<Service, Map<String, String>> extraEnv,
                          Duration healthTimeout,
                          String axonServer) {

    public static final int DEFAULT_PG_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(120);

    public StackConfig {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        services = services.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(services));
        servicePorts = Map.copyOf(servicePorts);
        dbPasswords = Map.copyOf(dbPasswords);
        Map<Service, Map<String, String>> env = new EnumMap<>(Service.class);
        extraEnv.forEach((service, vars) -> env.put(service, Map.copyOf(vars)));
        extraEnv = Map.copyOf(env);
    }

    /** All four services on their default ports, data in {@code .data} under the working directory. */
    public static StackConfig defaults() {
        return new StackConfig(RepoRoot.fromWorkingDirectory(), Path.of(".data"), false, DEFAULT_PG_PORT,
                               DEFAULT_KAFKA_PORT, DEFAULT_KAFKA_CONTROLLER_PORT, EnumSet.allOf(Service.class),
                               Map.of(), Map.of(), Map.of(), DEFAULT_HEALTH_TIMEOUT, null);
    }

    public int servicePort(Service service) {
        return servicePorts.getOrDefault(service, service.defaultPort());
    }

    public String dbPassword(Service service) {
        return dbPasswords.getOrDefault(service, service.id());
    }

    public Map<String, String> extraEnv(Service service) {
        return extraEnv.getOrDefault(service, Map.of());
    }

    public StackConfig withRepoRoot(Path repoRoot) {
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, services,
                               servicePorts, dbPasswords, extraEnv, healthTimeout, axonServer);
    }

    public StackConfig withDataDir(Path dataDir) {
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, services,
                               servicePorts, dbPasswords, extraEnv, healthTimeout, axonServer);
    }

    public StackConfig withClean(boolean clean) {
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, services,
                               servicePorts, dbPasswords, extraEnv, healthTimeout, axonServer);
    }

    public StackConfig withPgPort(int pgPort) {
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, services,
                               servicePorts, dbPasswords, extraEnv, healthTimeout, axonServer);
    }

    public StackConfig withKafkaPort(int kafkaPort) {
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, services,
                               servicePorts, dbPasswords, extraEnv, healthTimeout, axonServer);
    }

    public StackConfig withKafkaControllerPort(int kafkaControllerPort) {
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, services,
                               servicePorts, dbPasswords, extraEnv, healthTimeout, axonServer);
    }

    public StackConfig withServices(Collection<Service> services) {
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, Set.copyOf(services),
                               servicePorts, dbPasswords, extraEnv, healthTimeout, axonServer);
    }

    public StackConfig withServices(Service... services) {
        return withServices(Set.of(services));
    }

    /** Only PostgreSQL and Kafka, e.g. to run a service from an IDE against them. */
    public StackConfig withoutServices() {
        return withServices(Set.of());
    }

    public StackConfig withServicePort(Service service, int port) {
        Map<Service, Integer> ports = new HashMap<>(servicePorts);
        ports.put(service, port);
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, services, ports,
                               dbPasswords, extraEnv, healthTimeout, axonServer);
    }

    public StackConfig withDbPassword(Service service, String password) {
        Map<Service, String> passwords = new HashMap<>(dbPasswords);
        passwords.put(service, password);
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, services,
                               servicePorts, passwords, extraEnv, healthTimeout, axonServer);
    }

    public StackConfig withExtraEnv(Service service, String name, String value) {
        Map<Service, Map<String, String>> env = new HashMap<>(extraEnv);
        Map<String, String> vars = new HashMap<>(extraEnv(service));
        vars.put(name, value);
        env.put(service, vars);
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, services,
                               servicePorts, dbPasswords, env, healthTimeout, axonServer);
    }

    /**
     * Runs the services against the Axon Server at {@code hostAndPort} (started separately, see
     * {@code axon-server/README.md}) instead of Kafka and the HTTP command bus; no Kafka broker is started.
     *
     * @param hostAndPort e.g. {@code localhost:8124}; {@code null} for the default mode
     */
    public StackConfig withAxonServer(String hostAndPort) {
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, services,
                               servicePorts, dbPasswords, extraEnv, healthTimeout,
                               hostAndPort == null || hostAndPort.isBlank() ? null : hostAndPort.trim());
    }

    /** @return whether the services run against Axon Server ({@link #withAxonServer}) rather than Kafka */
    public boolean usesAxonServer() {
        return axonServer != null;
    }

    public StackConfig withHealthTimeout(Duration healthTimeout) {
        return new StackConfig(repoRoot, dataDir, clean, pgPort, kafkaPort, kafkaControllerPort, services,
                               servicePorts, dbPasswords, extraEnv, healthTimeout, axonServer);
    }

    /**
     * Picks ports nothing listens on for PostgreSQL, Kafka and every service, so that several stacks (or a stack
     * next to a developer's running one) do not collide. A port can still be taken between picking and binding.
     */
    public StackConfig withFreePorts() {
        List<Integer> ports = freePorts(3 + Service.values().length);
        StackConfig config = withPgPort(ports.get(0)).withKafkaPort(ports.get(1)).withKafkaControllerPort(ports.get(2));
        for (Service service : Service.values()) {
            config = config.withServicePort(service, ports.get(3 + service.ordinal()));
        }
        return config;
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is free again either way
                }
            }
        }
    }
}
