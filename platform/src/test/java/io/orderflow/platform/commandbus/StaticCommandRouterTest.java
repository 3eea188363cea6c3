package io.orderflow.platform.commandbus;

import tools.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.Member;
import org.axonframework.commandhandling.distributed.commandfilter.CommandNameFilter;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StaticCommandRouterTest {

    record Ship(@TargetAggregateIdentifier String id) {
    }

    record Pay(@TargetAggregateIdentifier String id) {
    }

    record Unknown(@TargetAggregateIdentifier String id) {
    }

    private HttpServer peer;
    private StaticCommandRouter router;

    @BeforeEach
    void startPeer() throws IOException {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] capabilities = ("{\"loadFactor\":100,\"commandNames\":[\"" + Ship.class.getName() + "\"]}")
                .getBytes(StandardCharsets.UTF_8);
        peer.createContext(CommandBusCapabilitiesController.PATH, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, capabilities.length);
            exchange.getResponseBody().write(capabilities);
            exchange.close();
        });
        peer.start();
        URI peerUri = URI.create("http://127.0.0.1:" + peer.getAddress().getPort());
        router = new StaticCommandRouter("self", Map.of("self", URI.create("http://127.0.0.1:1"), "shipping", peerUri),
                                         AnnotationRoutingStrategy.defaultStrategy(), RestClient.create(), new ObjectMapper());
        router.updateMembership(100, new CommandNameFilter(Pay.class.getName()));
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    @Test
    void routesCommandsToThePeerThatHandlesThem() {
        router.refresh();

        Optional<Member> destination = router.findDestination(command(new Ship("s1")));

        assertThat(destination).hasValueSatisfying(member -> {
            assertThat(member.name()).isEqualTo("shipping");
            assertThat(member.local()).isFalse();
            assertThat(member.getConnectionEndpoint(URI.class)).contains(URI.create("http://127.0.0.1:"
                                                                                          + peer.getAddress().getPort()));
        });
    }

    @Test
    void keepsItsOwnCommandsLocal() {
        router.refresh();

        assertThat(router.findDestination(command(new Pay("p1")))).hasValueSatisfying(m -> assertThat(m.local()).isTrue());
        assertThat(router.localCapabilities().commandNames()).containsExactly(Pay.class.getName());
    }

    @Test
    void findsNoDestinationForCommandsNobodyHandles() {
        router.refresh();

        assertThat(router.findDestination(command(new Unknown("u1")))).isEmpty();
    }

    @Test
    void leavesOutAPeerThatStoppedAnsweringUntilItAnswersAgain() {
        router.refresh();
        peer.stop(0);

        router.refresh();

        assertThat(router.findDestination(command(new Ship("s1")))).isEmpty();
    }

    private static CommandMessage<?> command(Object payload) {
        return new GenericCommandMessage<>(new GenericMessage<>(payload), payload.getClass().getName());
    }
}
