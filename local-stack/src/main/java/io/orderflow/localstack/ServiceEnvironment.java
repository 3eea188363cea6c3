package io.orderflow.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/** The environment a service process is configured by: its port, its database, the broker and its peers. */
final class ServiceEnvironment {

    private ServiceEnvironment() {
    }

    static Map<String, String> of(StackConfig config, Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(config.servicePort(service)));
        env.put("DB_URL", "jdbc:postgresql://localhost:" + config.pgPort() + "/" + service.id());
        env.put("DB_USER", service.id());
        env.put("DB_PASSWORD", config.dbPassword(service));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + config.kafkaPort());
        for (Service peer : new Service[] {Service.ORDERS, Service.PAYMENTS, Service.FULFILLMENT}) {
            env.put(peer.name() + "_URL", "http://127.0.0.1:" + config.servicePort(peer));
        }
        env.putAll(config.extraEnv(service));
        return env;
    }
}
