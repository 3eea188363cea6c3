package io.orderflow.platform.test;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Points a service's Spring context under test at the JVM's real PostgreSQL (its own database and role) and real
 * Kafka broker, on a fixed free HTTP port that its command-bus registration matches. Call from a
 * {@code @DynamicPropertySource} method.
 */
public final class ServiceTestInfrastructure {

    /** The command bus secret every service under test shares with its (test) peers. */
    public static final String COMMAND_BUS_SECRET = "test-command-bus-secret";

    private ServiceTestInfrastructure() {
    }

    /**
     * @param registry the test's dynamic properties
     * @param service  the service's name: its database, role and {@code spring.application.name}
     * @return the HTTP port the service will listen on
     */
    public static int register(DynamicPropertyRegistry registry, String service) {
        TestPostgres.Database database = TestPostgres.get().database(service);
        String kafka = TestKafka.bootstrapServers();
        int port = freePort();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("axon.kafka.bootstrap-servers", () -> kafka);
        registry.add("server.port", () -> port);
        registry.add("orderflow.commandbus.peers." + service, () -> "http://127.0.0.1:" + port);
        registry.add("orderflow.commandbus.secret", () -> COMMAND_BUS_SECRET);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                     () -> TestTokens.issuer().publicKey().toUri().toString());
        return port;
    }

    /** @return a TCP port nothing listens on right now */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
