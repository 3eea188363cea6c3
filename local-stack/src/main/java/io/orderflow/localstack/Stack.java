package io.orderflow.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The whole system on this machine: PostgreSQL, a Kafka broker (not in Axon Server mode, where an Axon Server started
 * separately carries the messages) and the services, each its own process. Starts
 * them in order, waits until each is ready, and stops them in reverse order with nothing left running.
 * System tests use it to put the system through faults: kill a service, restart it, restart the broker.
 *
 * <pre>{@code
 * try (Stack stack = new Stack(StackConfig.defaults().withDataDir(tempDir).withFreePorts()).start()) {
 *     stack.kill9(Service.PAYMENTS);
 *     stack.restart(Service.PAYMENTS);
 * }
 * }</pre>
 */
public final class Stack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(15);
    private static final String POSTGRES = "postgres";
    private static final String KAFKA = "kafka";

    private final StackConfig config;
    private final DataDir dataDir;
    private final PidFiles pidFiles;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final CrashReporter crashes = new CrashReporter();
    private final Object launchLock = new Object();
    private boolean closing;
    private Duration startupTime;
    private Dashboard dashboard;
    private TokenIssuer tokens;

    public Stack(StackConfig config) {
        this.config = config;
        this.dataDir = new DataDir(config.dataDir());
        this.pidFiles = new PidFiles(dataDir.run());
        this.postgres = new PostgresServer(dataDir.postgres(), config.pgPort(), dataDir.log(POSTGRES));
        this.kafka = new KafkaBroker(dataDir.kafka(), dataDir.conf().resolve("kafka-server.properties"),
                                     config.kafkaPort(), config.kafkaControllerPort(), dataDir.log(KAFKA));
        for (Service service : config.services()) {
            services.put(service, new ServiceProcess(service, service.jar(config.repoRoot()),
                                                     config.servicePort(service),
                                                     ServiceEnvironment.of(config, service), dataDir.root(),
                                                     dataDir.log(service.id())));
        }
    }

    /**
     * Starts PostgreSQL, then Kafka, then the services in parallel, and returns once every service reports UP.
     * If anything fails to start, everything already started is stopped again and the exception says why.
     *
     * @return this stack
     */
    public Stack start() {
        long started = System.nanoTime();
        requireNotClosing();
        if (startupTime != null) {
            throw new IllegalStateException("Already started");
        }
        services.values().forEach(ServiceProcess::requireJar);
        dataDir.open();
        try {
            pidFiles.endLeftovers(LEFTOVER_GRACE);
            if (config.clean()) {
                dataDir.wipe();
            }
            tokens = TokenIssuer.in(dataDir.keys());
            launchPostgres();
            if (!config.usesAxonServer()) {
                launchKafka();
            }
            startServices(services.values());
            startupTime = Duration.ofNanos(System.nanoTime() - started);
            return this;
        } catch (RuntimeException e) {
            boolean stoppedFromOutside = isClosing();
            close();
            throw stoppedFromOutside ? new IllegalStateException("The stack was stopped while starting", e) : e;
        }
    }

    /** Stops the services (each gets 15 s to finish), then Kafka, then PostgreSQL. Safe to call twice. */
    @Override
    public void close() {
        synchronized (launchLock) {
            if (closing) {
                return;
            }
            closing = true;
        }
        crashes.silence();
        if (dashboard != null) {
            dashboard.stop();
            pidFiles.forget(Dashboard.NAME);
        }
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess service : services.values()) {
            Thread thread = new Thread(service::stop, "stop-" + service.service());
            thread.start();
            stopping.add(thread);
        }
        stopping.forEach(Stack::join);
        services.keySet().forEach(service -> pidFiles.forget(service.id()));
        kafka.stop();
        pidFiles.forget(KAFKA);
        postgres.close();
        dataDir.close();
        log.info("Stopped everything");
    }

    /** Kills the service's JVM at once (SIGKILL), as a crash or an out-of-memory kill would. */
    public void kill9(Service service) {
        ServiceProcess process = service(service);
        if (process.isRunning()) {
            crashes.expectExit(process.process().toHandle());
            process.kill();
        }
        pidFiles.forget(service.id());
    }

    /** Stops the service gracefully (SIGTERM, then SIGKILL after 15 s). */
    public void stop(Service service) {
        ServiceProcess process = service(service);
        if (process.isRunning()) {
            crashes.expectExit(process.process().toHandle());
            process.stop();
        }
        pidFiles.forget(service.id());
    }

    /** Stops the service if it runs, starts it again and waits until it reports UP. */
    public void restart(Service service) {
        stop(service);
        startServices(List.of(service(service)));
    }

    /** Stops the broker gracefully; its topics stay on disk. */
    public void stopKafka() {
        if (kafka.isRunning()) {
            crashes.expectExit(kafka.process().toHandle());
            kafka.stop();
        }
        pidFiles.forget(KAFKA);
    }

    /** Starts the broker again (no-op if it runs) and waits until it answers. */
    public void startKafka() {
        if (config.usesAxonServer()) {
            throw new IllegalStateException("No Kafka broker in Axon Server mode");
        }
        if (!kafka.isRunning()) {
            launchKafka();
        }
    }

    /** Stops PostgreSQL (a fast shutdown: open sessions end, committed work stays); its cluster stays on disk. */
    public void stopPostgres() {
        if (postgres.process() != null && postgres.process().isAlive()) {
            crashes.expectExit(postgres.process());
            postgres.close();
        }
    }

    /** Starts PostgreSQL again on its cluster and port (no-op if it runs) and waits until it answers. */
    public void startPostgres() {
        if (postgres.process() == null || !postgres.process().isAlive()) {
            launchPostgres();
        }
    }

    /** @return e.g. {@code http://localhost:8081} */
    public String serviceUrl(Service service) {
        return "http://localhost:" + config.servicePort(service);
    }

    /** @return the URL of a database, without credentials; each service's role and password are its name */
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** @return a URL that connects to database {@code postgres} as superuser, no password needed */
    public String superuserJdbc() {
        return postgres.superuserJdbc();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** @param component {@code postgres}, {@code kafka} or a service's id */
    public Path logFile(String component) {
        return dataDir.log(component).path();
    }

    public Path logDirectory() {
        return dataDir.logs();
    }

    /** @return the processes running now that this stack started: postmaster, broker, services */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> running = new ArrayList<>();
        if (postgres.process() != null && postgres.process().isAlive()) {
            running.add(postgres.process());
        }
        if (kafka.isRunning()) {
            running.add(kafka.process().toHandle());
        }
        services.values().stream().filter(ServiceProcess::isRunning).forEach(s -> running.add(s.process().toHandle()));
        return running;
    }

    /** @return the components that exited without being asked to, in order */
    public List<String> unexpectedExits() {
        return crashes.crashed();
    }

    /** @return how long {@link #start()} took until everything was ready */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Starts the operators' dashboard over this stack's services (after {@link #start()}), with the operator
     * credential they were given, and waits until it reports UP. {@link #close()} stops it first.
     *
     * @param port its HTTP port ({@code 8080} by default in {@code ./run.sh})
     */
    public Stack startDashboard(int port) {
        long started = System.nanoTime();
        Dashboard launched = launch(() -> {
            Dashboard process = new Dashboard(config, port, operator(), dataDir.root(), dataDir.log(Dashboard.NAME));
            pidFiles.record(Dashboard.NAME, process.launch());
            dashboard = process;
            return process;
        }, () -> {
            if (dashboard != null) {
                dashboard.stop();
            }
        });
        long deadline = started + config.healthTimeout().toNanos();
        while (!launched.isHealthy()) {
            requireNotClosing();
            if (!launched.isRunning() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The dashboard did not report UP:" + System.lineSeparator()
                                                + launched.logFile().tail(40));
            }
            Readiness.pause();
        }
        crashes.watch(Dashboard.NAME, launched.process(), launched.logFile());
        log.info("dashboard UP at {} ({})", launched.url(), since(started));
        return this;
    }

    /** @return the dashboard's URL, or null if it was not started */
    public String dashboardUrl() {
        return dashboard == null ? null : dashboard.url();
    }

    /** @return the operator credential every service's ops API and the dashboard accept */
    public OperatorCredential operator() {
        return OperatorCredential.fromEnvironment();
    }

    /** @return the issuer of tokens the services of this stack accept; once started */
    public TokenIssuer tokens() {
        if (tokens == null) {
            throw new IllegalStateException("Not started");
        }
        return tokens;
    }

    public StackConfig config() {
        return config;
    }

    private void launchPostgres() {
        long started = System.nanoTime();
        launch(() -> {
            postgres.start();
            return postgres.process();
        }, () -> postgres.close());
        crashes.watch(POSTGRES, postgres.process(), dataDir.log(POSTGRES));
        ServiceDatabases.provision(postgres.superuserJdbc(), databasePasswords());
        log.info("PostgreSQL ready on port {} ({})", postgres.port(), since(started));
    }

    private void launchKafka() {
        long started = System.nanoTime();
        Process process = launch(() -> {
            Process launched = kafka.launch();
            pidFiles.record(KAFKA, launched);
            return launched;
        }, kafka::stop);
        kafka.awaitReady();
        crashes.watch(KAFKA, process, dataDir.log(KAFKA));
        log.info("Kafka ready at {} ({})", kafka.bootstrapServers(), since(started));
    }

    private void startServices(Collection<ServiceProcess> toStart) {
        long started = System.nanoTime();
        for (ServiceProcess service : toStart) {
            launch(() -> {
                Process launched = service.launch();
                pidFiles.record(service.service().id(), launched);
                return launched;
            }, service::kill);
        }
        Set<ServiceProcess> pending = new LinkedHashSet<>(toStart);
        long deadline = started + config.healthTimeout().toNanos();
        while (!pending.isEmpty()) {
            for (Iterator<ServiceProcess> it = pending.iterator(); it.hasNext(); ) {
                ServiceProcess service = it.next();
                requireNotClosing();
                if (!service.isRunning()) {
                    throw new IllegalStateException(service.service() + " exited with code "
                                                    + service.process().exitValue() + " while starting:"
                                                    + tail(service));
                }
                if (service.isHealthy()) {
                    it.remove();
                    crashes.watch(service.service().id(), service.process(), service.logFile());
                    log.info("{} UP at {} ({})", service.service(), service.url(), since(started));
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                ServiceProcess late = pending.iterator().next();
                throw new IllegalStateException(late.service() + " did not report UP within "
                                                + config.healthTimeout().toSeconds() + " s:" + tail(late));
            }
            if (!pending.isEmpty()) {
                Readiness.pause();
            }
        }
    }

    /**
     * Starts a process unless the stack is closing. Launching and closing exclude each other, so a Ctrl-C during
     * start-up never leaves a process behind that {@link #close()} did not see.
     */
    private <T> T launch(Supplier<T> starter, Runnable undo) {
        synchronized (launchLock) {
            requireNotClosing();
            try {
                return starter.get();
            } catch (RuntimeException e) {
                undo.run();
                throw e;
            }
        }
    }

    private void requireNotClosing() {
        if (isClosing()) {
            throw new IllegalStateException("The stack is stopping");
        }
    }

    private boolean isClosing() {
        synchronized (launchLock) {
            return closing;
        }
    }

    private ServiceProcess service(Service service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            throw new IllegalArgumentException(service + " is not part of this stack; it runs " + services.keySet());
        }
        return process;
    }

    private Map<String, String> databasePasswords() {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            passwords.put(service.id(), config.dbPassword(service));
        }
        return passwords;
    }

    private static String tail(ServiceProcess service) {
        return System.lineSeparator() + "Last lines of " + service.logFile().path() + ":" + System.lineSeparator()
               + service.logFile().tail(40);
    }

    private static String since(long startedNanos) {
        return String.format("%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
