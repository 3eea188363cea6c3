package io.orderflow.loadgen;

import io.orderflow.localstack.Service;
import io.orderflow.localstack.Stack;
import io.orderflow.localstack.StackConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The load benchmark of the whole system. Not a test: run it by hand (see {@code docs/BENCHMARKS.md}).
 * <ol>
 *     <li>Starts the system on free ports and a temp data dir (or attaches to a running one).</li>
 *     <li>Measures PostgreSQL's own commit rate on the same server while the system is idle.</li>
 *     <li>Opens accounts and receives stock, then runs each step (a rate, or a number of clients), collecting every
 *     order's outcome and timeline from reporting, the databases' commits, the topics' messages and each process's
 *     CPU and memory.</li>
 *     <li>Prints a table and writes {@code result.json}, {@code latency-over-time.png}, {@code throughput-curve.png}.</li>
 * </ol>
 */
public final class LoadGenerator {

    private static final String GENERATOR = "generator";
    private static final java.time.Duration IDLE = java.time.Duration.ofSeconds(10);

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.HelpRequested e) {
            System.out.println(Options.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Path out = options.out().toAbsolutePath();
        Files.createDirectories(out);
        Stack stack = null;
        Path tempDir = null;
        try {
            Driver.Urls urls;
            String pgAdmin;
            String kafka;
            Map<String, Supplier<List<ProcessHandle>>> groups = new LinkedHashMap<>();
            if (options.attach()) {
                urls = new Driver.Urls(options.ordersUrl(), options.paymentsUrl(), options.fulfillmentUrl(),
                                       options.reportingUrl());
                pgAdmin = options.pgAdminUrl();
                kafka = options.kafkaBootstrap();
                groups.put("postgres", ProcessStats::postmasters);
                groups.put("kafka", () -> ProcessStats.byCommandLine("kafka.Kafka"));
                for (Service s : Service.values()) {
                    groups.put(s.id(), () -> ProcessStats.byCommandLine(s.id() + "-service.jar"));
                }
            } else {
                tempDir = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("orderflow-load-");
                StackConfig config = StackConfig.defaults().withDataDir(tempDir.resolve("stack")).withFreePorts()
                                                .withHealthTimeout(java.time.Duration.ofMinutes(5));
                config = config.withRepoRoot(snapshotJars(options.jars() != null ? options.jars() : config.repoRoot(),
                                                          tempDir.resolve("jars")));
                for (var entry : options.serviceEnv().entrySet()) {
                    for (Service s : Service.values()) {
                        if (entry.getKey().equals("all") || entry.getKey().equals(s.id())) {
                            for (var env : entry.getValue().entrySet()) {
                                config = config.withExtraEnv(s, env.getKey(), env.getValue());
                            }
                        }
                    }
                }
                if (options.jfr()) {
                    for (Service s : Service.values()) {
                        String existing = config.extraEnv(s).getOrDefault("JAVA_TOOL_OPTIONS", "");
                        config = config.withExtraEnv(s, "JAVA_TOOL_OPTIONS", (existing + " -XX:StartFlightRecording="
                                + "filename=" + out.resolve(s.id() + ".jfr") + ",settings=profile,dumponexit=true").trim());
                    }
                }
                System.out.println("Starting PostgreSQL, Kafka and the services in " + tempDir + " ...");
                Stack started = new Stack(config);
                stack = started;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-stack"));
                started.start();
                System.out.println("Started in " + started.startupTime().toSeconds() + " s");
                urls = new Driver.Urls(started.serviceUrl(Service.ORDERS), started.serviceUrl(Service.PAYMENTS),
                                       started.serviceUrl(Service.FULFILLMENT), started.serviceUrl(Service.REPORTING));
                pgAdmin = started.superuserJdbc();
                kafka = started.kafkaBootstrapServers();
                groups.put("postgres", () -> mine(started, "postgres"));
                groups.put("kafka", () -> mine(started, "kafka.Kafka"));
                for (Service s : Service.values()) {
                    groups.put(s.id(), () -> mine(started, s.id() + "-service.jar"));
                }
            }
            groups.put(GENERATOR, () -> List.of(ProcessHandle.current()));
            run(options, urls, new Database(pgAdmin), kafka, new ProcessStats(groups), out);
        } finally {
            if (stack != null) {
                System.out.println("Stopping the stack ...");
                stack.close();
                copyLogs(stack.logDirectory(), out.resolve("logs"));
            }
            if (tempDir != null && options.dataDir() == null) {
                deleteTree(tempDir);
            }
        }
    }

    private static void run(Options options, Driver.Urls urls, Database db, String kafkaBootstrap,
                            ProcessStats processes, Path out) throws Exception {
        Report report = new Report();
        report.closedLoop = options.closedLoop();
        report.completeShare = options.mix().get(OrderKind.COMPLETE);
        report.run.put("startedAt", java.time.Instant.now().toString());
        report.run.put("machine", machine());
        report.run.put("postgresSettings", db.settings());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mode", options.closedLoop() ? "closed loop" : "open loop");
        settings.put("steps", options.closedLoop() ? options.clients() : options.rates());
        settings.put("stepSeconds", options.duration().toMillis() / 1000.0);
        settings.put("warmupSeconds", options.warmup().toMillis() / 1000.0);
        Map<String, Double> mix = new LinkedHashMap<>();
        options.mix().forEach((k, v) -> mix.put(k.option(), v));
        settings.put("intendedMix", mix);
        settings.put("customers", options.customers());
        settings.put("skus", options.skus());
        settings.put("cancelDelayMs", options.cancelDelay().toMillis());
        settings.put("attached", options.attach());
        settings.put("serviceEnv", options.serviceEnv());
        settings.put("credential", Http.CREDENTIAL);
        report.run.put("settings", settings);

        if (options.pgLimitSeconds() > 0) {
            System.out.println("Measuring PostgreSQL's own commit rate (" + options.pgLimitClients() + " clients, "
                               + options.pgLimitSeconds() + " s each) ...");
            report.pgLimit = db.commitLimit(options.pgLimitClients(), options.pgLimitSeconds());
            report.pgLimit.forEach(l -> System.out.printf("  %d client(s): %.0f commits/s%n", l.clients(),
                                                          l.commitsPerSecond()));
        }

        Driver driver = new Driver(options, urls);
        System.out.println("Opening " + options.customers() + " accounts, receiving stock for " + options.skus()
                           + " SKUs ...");
        driver.setUp();

        Database.Counters idleFrom = db.counters();
        ProcessStats.Sample idleCpuFrom = processes.sample();
        Thread.sleep(IDLE.toMillis());
        Database.Counters idleTo = db.counters();
        ProcessStats.Sample idleCpuTo = processes.sample();
        double idleCommitsPerSecond = (idleTo.totalCommits() - idleFrom.totalCommits())
                                      / idleCpuFrom.secondsTo(idleCpuTo);
        Map<String, Double> idleCores = ProcessStats.cores(idleCpuFrom, idleCpuTo);
        report.run.put("idleCommitsPerSecond", StepResult.round(idleCommitsPerSecond));
        Map<String, Double> idleCoresRounded = new LinkedHashMap<>();
        idleCores.forEach((name, cores) -> idleCoresRounded.put(name, Math.round(cores * 1000) / 1000.0));
        report.run.put("idleCpuCores", idleCoresRounded);
        System.out.printf("Idle system: %.1f commits/s (polling, heartbeats), CPU cores %s; both subtracted from the"
                          + " costs per order%n", idleCommitsPerSecond, idleCoresRounded);

        long runStartMicros = driver.nowMicros();
        try (KafkaOffsets offsets = new KafkaOffsets(kafkaBootstrap)) {
            for (int step = 0; step < options.steps(); step++) {
                String load = options.closedLoop() ? options.clients().get(step) + " clients"
                                                   : fmt(options.rates().get(step)) + "/s";
                double offered = options.closedLoop() ? options.clients().get(step) : options.rates().get(step);
                System.out.println("Step " + (step + 1) + "/" + options.steps() + ": " + load + " for "
                                   + options.duration().toSeconds() + " s ...");
                Database.Counters before = db.counters();
                ProcessStats.Sample cpuBefore = processes.sample();
                Map<String, Long> offsetsBefore = offsets.endOffsets();
                long stepStartNanos = System.nanoTime();
                long windowFromNanos = stepStartNanos + options.warmup().toNanos();
                long durationNanos = options.duration().toNanos();

                List<ProcessStats.Sample> samples = new ArrayList<>();
                ProcessStats.Sample[] windowFrom = new ProcessStats.Sample[1];
                Thread sampler = new Thread(() -> {
                    try {
                        Thread.sleep(Math.max(0, (windowFromNanos - System.nanoTime()) / 1_000_000));
                        windowFrom[0] = processes.sample();
                        while (!Thread.currentThread().isInterrupted()) {
                            Thread.sleep(1000);
                            synchronized (samples) {
                                samples.add(processes.sample());
                            }
                        }
                    } catch (InterruptedException e) {
                        // step over
                    }
                }, "process-sampler");
                sampler.setDaemon(true);
                sampler.start();

                List<OrderRecord> records = options.closedLoop()
                        ? driver.closedLoop(options.clients().get(step), durationNanos)
                        : driver.openLoop(options.rates().get(step), durationNanos);
                long stepEndNanos = System.nanoTime();
                ProcessStats.Sample windowTo = processes.sample();
                sampler.interrupt();
                sampler.join();

                System.out.println("  placed " + records.size() + " orders; waiting for their outcomes ...");
                double drain = driver.collectOutcomes(records, Math.min(stepEndNanos, stepStartNanos + durationNanos));
                Thread.sleep(2000); // statistics reach pg_stat_database about a second late
                Database.Counters after = db.counters();
                ProcessStats.Sample cpuAfter = processes.sample();
                Map<String, Long> offsetsAfter = offsets.endOffsets();
                double elapsed = (System.nanoTime() - stepStartNanos) / 1e9;

                StepResult result = new StepResult(load, offered, records, driver.wallMicros(windowFromNanos),
                                                   driver.wallMicros(stepStartNanos + durationNanos), runStartMicros);
                result.drainSeconds = drain;
                if (windowFrom[0] != null) {
                    synchronized (samples) {
                        result.processes = ProcessStats.usage(windowFrom[0], windowTo, samples);
                    }
                }
                int placed = Math.max(1, result.accepted);
                long commits = after.totalCommits() - before.totalCommits();
                Map<String, Object> costs = result.costs;
                costs.put("dbCommitsPerOrder", StepResult.round((commits - idleCommitsPerSecond * elapsed) / placed));
                Map<String, Object> perDb = new LinkedHashMap<>();
                after.commits().forEach((name, value) -> perDb.put(name, StepResult.round(
                        (value - before.commits().getOrDefault(name, 0L)) / (double) placed)));
                costs.put("dbCommitsPerOrderByDatabase (idle not subtracted)", perDb);
                costs.put("walFlushesPerOrder", StepResult.round((after.walSyncs() - before.walSyncs()) / (double) placed));
                costs.put("walRecordsPerOrder", StepResult.round((after.walRecords() - before.walRecords()) / (double) placed));
                long messages = 0;
                Map<String, Object> perTopic = new LinkedHashMap<>();
                for (String topic : KafkaOffsets.TOPICS) {
                    long delta = offsetsAfter.get(topic) - offsetsBefore.get(topic);
                    messages += delta;
                    perTopic.put(topic, StepResult.round(delta / (double) placed));
                }
                costs.put("kafkaMessagesPerOrder", StepResult.round(messages / (double) placed));
                costs.put("kafkaMessagesPerOrderByTopic", perTopic);
                costs.put("dbCommitsPerSecondDuringStep", StepResult.round(commits / elapsed));
                cpuCosts(costs, cpuBefore, cpuAfter, idleCores, placed, result.completed);
                report.steps.add(result);
                System.out.printf("  %.1f completed/s, p99 %.0f ms, %d errors, drained in %.1f s%n",
                                  result.completedPerSecond, result.completedLatency.p99(), result.errors, drain);
            }
        }
        report.print(System.out);
        report.write(out);
        System.out.println();
        System.out.println("Wrote " + out.resolve("result.json") + ", latency-over-time.png, throughput-curve.png");
    }

    /**
     * CPU-ms per order of each process over the step and its drain, the idle stack's share subtracted, and of the
     * system's processes together (the generator apart) per order placed and per order completed.
     */
    private static void cpuCosts(Map<String, Object> costs, ProcessStats.Sample from, ProcessStats.Sample to,
                                 Map<String, Double> idleCores, int placed, int completed) {
        Map<String, Object> perProcess = new LinkedHashMap<>();
        double system = 0;
        for (var entry : ProcessStats.cores(from, to).entrySet()) {
            double ms = (entry.getValue() - idleCores.getOrDefault(entry.getKey(), 0.0)) * from.secondsTo(to) * 1000;
            perProcess.put(entry.getKey(), StepResult.round(ms / placed));
            if (!entry.getKey().equals(GENERATOR)) {
                system += ms;
            }
        }
        costs.put("cpuMsPerOrder", StepResult.round(system / placed));
        costs.put("cpuMsPerCompletedOrder", StepResult.round(system / Math.max(1, completed)));
        costs.put("cpuMsPerOrderByProcess", perProcess);
    }

    /**
     * Copies the four service jars, so that a build running next to the benchmark (rewriting them) cannot break the
     * services it started.
     */
    private static Path snapshotJars(Path repoRoot, Path snapshot) throws IOException {
        for (Service s : Service.values()) {
            Path jar = s.jar(repoRoot);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("No jar at " + jar + ": build first (./mvnw -q -B -ntp install -DskipTests)");
            }
            Path copy = s.jar(snapshot);
            Files.createDirectories(copy.getParent());
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return snapshot;
    }

    private static List<ProcessHandle> mine(Stack stack, String marker) {
        if (marker.equals("postgres")) {
            return stack.processes().stream()
                        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)).toList();
        }
        return stack.processes().stream().filter(p -> ProcessStats.commandLine(p.pid()).contains(marker)).toList();
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try {
            Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                 .ifPresent(l -> m.put("cpuModel", l.substring(l.indexOf(':') + 1).trim()));
            Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                 .ifPresent(l -> m.put("memory", l.substring(l.indexOf(':') + 1).trim()));
        } catch (IOException e) {
            // not Linux
        }
        return m;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static void copyLogs(Path from, Path to) {
        try (Stream<Path> logs = Files.list(from)) {
            Files.createDirectories(to);
            for (Path log : logs.toList()) {
                Files.copy(log, to.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("Could not copy the logs: " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
