package io.orderflow.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The launcher's options; see {@link #USAGE}. */
record CommandLine(StackConfig config, boolean help) {

    static final String AXON_SERVER_DATA = "-axonserver";

    static final String USAGE = """
            Usage: ./run.sh [options]

            Starts PostgreSQL, a Kafka broker and the OrderFlow services on this machine, prints their
            addresses and stops everything on Ctrl-C. Build the services first: ./mvnw -q -B package -DskipTests

              --data-dir DIR          databases, Kafka topics and logs, kept across runs (default: .data)
              --clean                 wipe the data directory first
              --pg-port PORT          PostgreSQL port (default: 15432)
              --kafka-port PORT       Kafka port (default: 19092); its KRaft controller uses PORT+1
              --services a,b          run only these of orders, payments, fulfillment, reporting (default: all)
              --no-services           run only PostgreSQL and Kafka, e.g. to start a service from an IDE
              --health-timeout SECS   how long a service may take to report UP (default: 120)
              --axon-server HOST:PORT run the services against this running Axon Server (profile axonserver)
                                      instead of Kafka and the HTTP command bus; no Kafka broker is started.
                                      Data then defaults to .data-axonserver (see axon-server/README.md)
              --help                  show this text

            Tokens for the REST API (customers and operators): ./run.sh token --help
            """;

    static CommandLine parse(String[] args, StackConfig defaults) {
        StackConfig config = defaults;
        boolean dataDirGiven = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    return new CommandLine(config, true);
                }
                case "--clean" -> config = config.withClean(true);
                case "--no-services" -> config = config.withoutServices();
                case "--data-dir" -> {
                    config = config.withDataDir(Path.of(value(args, ++i, option)));
                    dataDirGiven = true;
                }
                case "--axon-server" -> config = config.withAxonServer(hostAndPort(value(args, ++i, option)));
                case "--pg-port" -> config = config.withPgPort(port(value(args, ++i, option)));
                case "--kafka-port" -> {
                    int port = port(value(args, ++i, option));
                    config = config.withKafkaPort(port).withKafkaControllerPort(port + 1);
                }
                case "--services" -> config = config.withServices(services(value(args, ++i, option)));
                case "--health-timeout" -> config = config.withHealthTimeout(
                        Duration.ofSeconds(number(value(args, ++i, option), option)));
                default -> throw new IllegalArgumentException("Unknown option: " + option);
            }
        }
        if (config.usesAxonServer() && !dataDirGiven) {
            // The default mode's databases hold tokens into its own event stores: never reuse them with Axon Server.
            Path dataDir = config.dataDir();
            config = config.withDataDir(dataDir.resolveSibling(dataDir.getFileName() + AXON_SERVER_DATA));
        }
        return new CommandLine(config, false);
    }

    private static String hostAndPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("--axon-server needs HOST:PORT, e.g. localhost:8124, not " + value);
        }
        port(value.substring(colon + 1));
        return value;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String value) {
        int port = number(value, "port");
        if (port < 1 || port > 65534) {
            throw new IllegalArgumentException("Not a usable port: " + value);
        }
        return port;
    }

    private static int number(String value, String what) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a number for " + what + ": " + value);
        }
    }

    private static List<Service> services(String value) {
        return Arrays.stream(value.split(",")).filter(id -> !id.isBlank()).map(Service::byId).toList();
    }
}
