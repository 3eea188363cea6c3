package io.orderflow.platform.commandbus;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The HTTP command bus between services.
 *
 * @param heartbeatInterval how often the membership of the command router is refreshed from discovery, so a peer
 *                          that was down is routed to again soon after it is back
 * @param connectTimeout    connecting to a peer
 * @param readTimeout       waiting for a peer's answer to a command
 */
@ConfigurationProperties("orderflow.commandbus")
public record CommandBusProperties(Duration heartbeatInterval, Duration connectTimeout, Duration readTimeout) {
}
