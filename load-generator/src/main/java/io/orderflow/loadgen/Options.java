package io.orderflow.loadgen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What to run: the target (a stack this generator starts, or a running one), the load model and the mix.
 *
 * @param rates          open loop: orders/s of each step, run one after the other (a throughput curve); empty for closed loop
 * @param clients        closed loop: concurrent clients of each step, each placing its next order once the last ended
 * @param duration       length of each step
 * @param warmup         the first part of each step that is not measured
 * @param mix            intended share of each {@link OrderKind}
 * @param pgLimitSeconds seconds per client count of the PostgreSQL commit-rate loop; 0 skips it
 */
record Options(boolean attach,
               String ordersUrl, String paymentsUrl, String fulfillmentUrl, String reportingUrl,
               String pgAdminUrl, String kafkaBootstrap,
               List<Double> rates, List<Integer> clients, Duration duration, Duration warmup,
               Map<OrderKind, Double> mix, int customers, int skus,
               Duration pollInterval, Duration drainTimeout, Duration cancelDelay,
               int pgLimitSeconds, List<Integer> pgLimitClients,
               Path out, boolean jfr, Map<String, Map<String, String>> serviceEnv, Path dataDir, Path jars) {

    static final String USAGE = """
            Usage: java -jar load-generator/target/load-generator.jar [options]   (run from the repository root)

            Target (default: start PostgreSQL, Kafka and the four services on free ports in a temp data dir, stop at the end)
              --attach                      drive a running system (./run.sh) instead
              --orders-url URL              [http://localhost:8081]  --payments-url URL [http://localhost:8082]
              --fulfillment-url URL         [http://localhost:8083]  --reporting-url URL [http://localhost:8084]
              --pg-admin-url JDBC           superuser URL of the services' PostgreSQL server
                                            [jdbc:postgresql://localhost:15432/postgres?user=postgres]
              --kafka BOOTSTRAP             [localhost:19092]
              --data-dir DIR                data dir of the stack it starts [a new temp dir, deleted at the end]
              --service-env SVC:NAME=VALUE  extra environment of a service it starts (repeatable; SVC=all for every one)
              --jars DIR                    take the service jars from DIR/<svc>/<svc>-service/target/ [this checkout]
              --jfr                         record a JFR profile of each service it starts (written to --out)
            Load
              --rates R1,R2,...             open loop: fixed arrival rate per step, orders/s [100]
              --overload R                  open loop, two steps: twice the sustainable rate R, then half of it
                                            (same as --rates 2R,R/2); refused orders (503) are counted apart
              --clients N1,N2,...           closed loop instead: concurrent clients per step
              --duration D                  per step [60s]        --warmup D   not measured, start of each step [5s]
              --mix complete=0.85,out-of-stock=0.05,declined=0.05,cancelled=0.05   intended shares
              --customers N [100]  --skus N [50]   --cancel-delay D [0ms]
              --poll-interval D [50ms]      closed loop: how often a client asks for its order's status
              --drain-timeout D [60s]       after a step: how long orders may take to reach their outcome
            Limit
              --pg-limit-seconds S [10]     per client count; 0 skips     --pg-limit-clients 1,4,16 [1,4,16]
            Output
              --out DIR                     [benchmark-results/<time>]: result.json, latency-over-time.png, throughput-curve.png
            """;

    static Options parse(String... args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (name.equals("attach") || name.equals("jfr") || name.equals("help")) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        if (values.containsKey("help")) {
            throw new HelpRequested();
        }
        List<String> known = List.of("attach", "orders-url", "payments-url", "fulfillment-url", "reporting-url",
                                     "pg-admin-url", "kafka", "rates", "overload", "clients", "duration", "warmup", "mix",
                                     "customers", "skus", "poll-interval", "drain-timeout", "cancel-delay",
                                     "pg-limit-seconds", "pg-limit-clients", "out", "jfr", "service-env", "data-dir",
                                     "jars");
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name);
            }
        }
        List<Integer> clients = ints(one(values, "clients", ""));
        String overload = one(values, "overload", "");
        List<Double> rates = !clients.isEmpty() ? List.of()
                : !overload.isBlank() ? List.of(2 * Double.parseDouble(overload), Double.parseDouble(overload) / 2)
                : doubles(one(values, "rates", "100"));
        Map<String, Map<String, String>> serviceEnv = new LinkedHashMap<>();
        for (String spec : values.getOrDefault("service-env", List.of())) {
            int colon = spec.indexOf(':');
            int eq = spec.indexOf('=', colon + 1);
            if (colon < 1 || eq < colon + 2) {
                throw new IllegalArgumentException("--service-env expects SERVICE:NAME=VALUE, got '" + spec + "'");
            }
            serviceEnv.computeIfAbsent(spec.substring(0, colon), k -> new LinkedHashMap<>())
                      .put(spec.substring(colon + 1, eq), spec.substring(eq + 1));
        }
        String dataDir = one(values, "data-dir", "");
        return new Options(values.containsKey("attach"),
                           one(values, "orders-url", "http://localhost:8081"),
                           one(values, "payments-url", "http://localhost:8082"),
                           one(values, "fulfillment-url", "http://localhost:8083"),
                           one(values, "reporting-url", "http://localhost:8084"),
                           one(values, "pg-admin-url", "jdbc:postgresql://localhost:15432/postgres?user=postgres"),
                           one(values, "kafka", "localhost:19092"),
                           rates, clients,
                           duration(one(values, "duration", "60s")),
                           duration(one(values, "warmup", "5s")),
                           mix(one(values, "mix", "complete=0.85,out-of-stock=0.05,declined=0.05,cancelled=0.05")),
                           Integer.parseInt(one(values, "customers", "100")),
                           Integer.parseInt(one(values, "skus", "50")),
                           duration(one(values, "poll-interval", "50ms")),
                           duration(one(values, "drain-timeout", "60s")),
                           duration(one(values, "cancel-delay", "0ms")),
                           Integer.parseInt(one(values, "pg-limit-seconds", "10")),
                           ints(one(values, "pg-limit-clients", "1,4,16")),
                           Path.of(one(values, "out", "benchmark-results/"
                                                          + java.time.LocalDateTime.now().withNano(0).toString()
                                                                                   .replace(':', '-'))),
                           values.containsKey("jfr"), serviceEnv,
                           dataDir.isEmpty() ? null : Path.of(dataDir),
                           values.containsKey("jars") ? Path.of(one(values, "jars", "")) : null);
    }

    boolean closedLoop() {
        return !clients.isEmpty();
    }

    int steps() {
        return closedLoop() ? clients.size() : rates.size();
    }

    private static String one(Map<String, List<String>> values, String name, String fallback) {
        List<String> given = values.get(name);
        return given == null ? fallback : given.get(given.size() - 1);
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    }

    static Map<OrderKind, Double> mix(String text) {
        Map<OrderKind, Double> mix = new LinkedHashMap<>();
        for (OrderKind kind : OrderKind.values()) {
            mix.put(kind, 0.0);
        }
        double sum = 0;
        for (String part : text.split(",")) {
            String[] kv = part.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--mix expects kind=share,..., got '" + part + "'");
            }
            double share = Double.parseDouble(kv[1]);
            if (share < 0) {
                throw new IllegalArgumentException("--mix: negative share " + part);
            }
            mix.put(OrderKind.byName(kv[0]), share);
            sum += share;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("--mix: shares add up to 0");
        }
        for (Map.Entry<OrderKind, Double> e : mix.entrySet()) {
            e.setValue(e.getValue() / sum);
        }
        return mix;
    }

    private static List<Integer> ints(String text) {
        return text.isBlank() ? List.of() : java.util.Arrays.stream(text.split(",")).map(String::trim)
                                                           .map(Integer::valueOf).toList();
    }

    private static List<Double> doubles(String text) {
        return text.isBlank() ? List.of() : java.util.Arrays.stream(text.split(",")).map(String::trim)
                                                           .map(Double::valueOf).toList();
    }

    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(USAGE);
        }
    }
}
