package io.orderflow.platform.axonserver;

import java.time.Duration;

/** Axon Server did not accept this service's connection at start-up. */
public class AxonServerUnreachableException extends IllegalStateException {

    private final String servers;

    public AxonServerUnreachableException(String servers, String context, Duration waited) {
        super("Axon Server at " + servers + " (context '" + context + "') could not be reached within "
              + waited.toSeconds() + " s");
        this.servers = servers;
    }

    /** @return the addresses tried, as configured ({@code axon.axonserver.servers}) */
    public String servers() {
        return servers;
    }
}
