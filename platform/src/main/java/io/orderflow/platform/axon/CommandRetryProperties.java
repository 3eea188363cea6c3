package io.orderflow.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the command gateway retries a command whose handler is briefly unreachable (a peer restarting).
 *
 * @param maxRetries      retries after the first attempt
 * @param initialInterval wait before the first retry; doubles with each further one
 */
@ConfigurationProperties("orderflow.commandbus.retry")
public record CommandRetryProperties(int maxRetries, Duration initialInterval) {
}
