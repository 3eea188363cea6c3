package io.orderflow.systemtest;

import io.orderflow.localstack.StackConfig;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Every system test again, with the services in their {@code axonserver} profile against the running Axon Server
 * that {@code AXONSERVER_SERVERS} names ({@code host:port}, e.g. {@code localhost:8124}); no Kafka broker is started.
 * Use a fresh (empty) Axon Server: the tests' databases are new on every run, so the events of an earlier run would be
 * replayed into them. Without {@code AXONSERVER_SERVERS} JUnit reports this class as skipped, and the profile's wiring
 * is proven by {@code orders-service}'s {@code AxonServerProfileIT} instead.
 */
@EnabledIfEnvironmentVariable(named = OrderFlowOnAxonServerSystemIT.SERVERS, matches = ".+",
        disabledReason = "no Axon Server: set AXONSERVER_SERVERS=host:port to run the system tests against one "
                         + "(the axonserver profile's wiring is tested by orders-service's AxonServerProfileIT)")
class OrderFlowOnAxonServerSystemIT extends OrderFlowSystemIT {

    static final String SERVERS = "AXONSERVER_SERVERS";

    @Override
    StackConfig configure(StackConfig config) {
        return config.withAxonServer(System.getenv(SERVERS));
    }
}
