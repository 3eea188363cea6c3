package io.orderflow.platform.commandbus;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP command bus between services.
 *
 * @param enabled         whether this service joins the command bus (services that handle or send commands)
 * @param peers           every command-handling service by name ({@code spring.application.name}) and base URL:
 *                        static discovery, this service included
 * @param refreshInterval how often peers are asked which commands they handle, so a peer that was down is routed to
 *                        again soon after it is back
 * @param connectTimeout  connecting to a peer
 * @param readTimeout     waiting for a peer's answer
 * @param senderThreads   threads that send commands to peers and wait for their answers, so that the sender (a saga,
 *                        a web request) never waits for the network; when all are busy and their queue is full the
 *                        sender sends itself (back pressure instead of an unbounded queue)
 * @param secret          shared by every service on the command bus: without it no peer's command is accepted (see
 *                        {@link PeerAuthentication})
 */
@ConfigurationProperties("orderflow.commandbus")
public record CommandBusProperties(boolean enabled, Map<String, URI> peers, Duration refreshInterval,
                                   Duration connectTimeout, Duration readTimeout,
                                   int senderThreads, String secret) {
}
