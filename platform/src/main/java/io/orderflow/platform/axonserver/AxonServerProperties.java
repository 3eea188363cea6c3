package io.orderflow.platform.axonserver;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Map;

/**
 * OrderFlow on Axon Server (the {@code axonserver} profile).
 *
 * @param contexts       the Axon Server context of each bounded context's events, by service name
 *                       ({@code orders}, {@code payments}, {@code fulfillment}, {@code reporting}); a service connects
 *                       to its own and reads others' through {@link AxonServerEventSources}. Axon Server SE has only
 *                       {@code default}; editions with several contexts can give each its own
 * @param startupTimeout how long a service waits for Axon Server at start-up before it gives up; zero skips the wait
 *                       (Axon's own start-up then retries for a while and fails on its own)
 */
@ConfigurationProperties("orderflow.axonserver")
public record AxonServerProperties(Map<String, String> contexts, Duration startupTimeout) {

    public static final String DEFAULT_CONTEXT = "default";

    public AxonServerProperties {
        contexts = contexts == null ? Map.of() : Map.copyOf(contexts);
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;
    }

    /** @return the Axon Server context holding the events of the named service */
    public String contextOf(String service) {
        return contexts.getOrDefault(service, DEFAULT_CONTEXT);
    }
}
