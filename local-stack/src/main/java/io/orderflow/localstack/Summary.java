package io.orderflow.localstack;

import java.util.Locale;

/** The table of addresses printed once everything is up. */
final class Summary {

    private Summary() {
    }

    static String of(Stack stack) {
        StackConfig config = stack.config();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nOrderFlow is running (ready in %.1f s)%n%n",
                                 stack.startupTime().toMillis() / 1000.0));
        for (Service service : config.services()) {
            String url = stack.serviceUrl(service);
            out.append(row(service.id(), url + "   Swagger UI " + url + "/swagger-ui.html"));
        }
        if (stack.dashboardUrl() != null) {
            out.append(row("Dashboard", stack.dashboardUrl()));
        }
        if (!config.services().isEmpty()) {
            OperatorCredential operator = stack.operator();
            out.append(row("Operator", operator.user() + " / " + operator.password() + "   (dashboard, and HTTP Basic on"
                                       + " every service's operator endpoints; set " + OperatorCredential.USER_VARIABLE + " and "
                                       + OperatorCredential.PASSWORD_VARIABLE + " to change)"));
        }
        if (!config.services().isEmpty()) {
            out.append(row("Tokens", "every REST call needs one: ./run.sh token <customerId> (that customer's orders"
                                     + " and account) or ./run.sh token --operator (everything);"));
            out.append(row("", "e.g. TOKEN=$(./run.sh token --operator); curl -H \"Authorization: Bearer $TOKEN\" "
                               + stack.serviceUrl(config.services().iterator().next()) + "/ops/processors"));
        }
        out.append(row("PostgreSQL", "localhost:" + config.pgPort()
                                     + "   superuser postgres (no password); per service: database, role and password"
                                     + " = its name"));
        out.append(row("", stack.superuserJdbc()));
        if (config.usesAxonServer()) {
            out.append(row("Axon Server", config.axonServer() + "   (services in the axonserver profile; its dashboard"
                                          + " is on its HTTP port, 8024 by default)"));
        } else {
            out.append(row("Kafka", stack.kafkaBootstrapServers()));
        }
        out.append(row("Logs", stack.logDirectory().toString()));
        out.append(String.format("%nPress Ctrl-C to stop everything.%n"));
        return out.toString();
    }

    private static String row(String name, String value) {
        return String.format(Locale.ROOT, "  %-12s %s%n", name, value);
    }
}
