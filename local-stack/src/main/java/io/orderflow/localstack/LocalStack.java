package io.orderflow.localstack;

import java.util.Map;

/** Command-line launcher over {@link Stack}: starts everything, prints the addresses, stops on Ctrl-C. */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                                         StackConfig.defaults().dataDir()));
        }
        configureLogging();
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args, StackConfig.defaults());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.print(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (commandLine.help()) {
            System.out.print(CommandLine.USAGE);
            return;
        }
        Stack stack = new Stack(commandLine.config());
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        try {
            stack.start();
            if (!commandLine.config().services().isEmpty()) {
                stack.startDashboard(Dashboard.DEFAULT_PORT);
            }
        } catch (RuntimeException e) {
            System.err.println("Start failed: " + e.getMessage());
            System.exit(1);
        }
        System.out.print(Summary.of(stack));
        Thread.currentThread().join();
    }

    /** Our own progress at INFO, the libraries' chatter only when it matters; any -D given wins. */
    private static void configureLogging() {
        Map.of("org.slf4j.simpleLogger.defaultLogLevel", "info",
               "org.slf4j.simpleLogger.log.org.apache.kafka", "warn",
               "org.slf4j.simpleLogger.log.io.zonky", "warn",
               "org.slf4j.simpleLogger.showDateTime", "true",
               "org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss",
               "org.slf4j.simpleLogger.showThreadName", "false",
               "org.slf4j.simpleLogger.showShortLogName", "true")
           .forEach((key, value) -> {
               if (System.getProperty(key) == null) {
                   System.setProperty(key, value);
               }
           });
    }
}
