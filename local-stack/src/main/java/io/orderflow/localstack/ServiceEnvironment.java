package io.orderflow.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a service process is configured by: its port, its database, the broker and its peers, or, in
 * Axon Server mode, the {@code axonserver} profile and the server's address.
 */
final class ServiceEnvironment {

    static final String AXON_SERVER_PROFILE = "axonserver";

    private ServiceEnvironment() {
    }

    static Map<String, String> of(StackConfig config, Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(config.servicePort(service)));
        env.put("DB_URL", "jdbc:postgresql://localhost:" + config.pgPort() + "/" + service.id());
        env.put("DB_USER", service.id());
        env.put("DB_PASSWORD", config.dbPassword(service));
        if (config.usesAxonServer()) {
            env.put("SPRING_PROFILES_ACTIVE", AXON_SERVER_PROFILE);
            env.put("AXONSERVER_SERVERS", config.axonServer());
        } else {
            env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + config.kafkaPort());
        }
        for (Service peer : new Service[] {Service.ORDERS, Service.PAYMENTS, Service.FULFILLMENT}) {
            env.put(peer.name() + "_URL", "http://127.0.0.1:" + config.servicePort(peer));
        }
        env.put(CommandBusSecret.VARIABLE, CommandBusSecret.fromEnvironment());
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLICKEYLOCATION",
                new DataDir(config.dataDir()).keys().resolve(TokenIssuer.PUBLIC_KEY).toAbsolutePath().toUri().toString());
        OperatorCredential operator = OperatorCredential.fromEnvironment();
        env.put(OperatorCredential.USER_VARIABLE, operator.user());
        env.put(OperatorCredential.PASSWORD_VARIABLE, operator.password());
        env.putAll(config.extraEnv(service));
        return env;
    }
}
