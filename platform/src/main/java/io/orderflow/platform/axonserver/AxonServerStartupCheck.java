package io.orderflow.platform.axonserver;

import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * Waits at start-up, before any event processor or the web server starts, until this service is connected to its
 * Axon Server context, and fails with {@link AxonServerUnreachableException} (naming the address) when it is not
 * within {@code orderflow.axonserver.startup-timeout} (zero: don't wait). Left on its own, the connector would retry
 * forever and the service would look up while every command and event failed. Later losses of the connection are the connector's
 * business: it reconnects by itself every {@code axon.axonserver.reconnect-interval}, and the service's health is
 * DOWN meanwhile.
 */
public class AxonServerStartupCheck implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AxonServerStartupCheck.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS = Duration.ofSeconds(5);

    private final AxonServerConnectionManager connections;
    private final String servers;
    private final String context;
    private final Duration timeout;
    private volatile boolean running;

    public AxonServerStartupCheck(AxonServerConnectionManager connections, String servers, String context,
                                  Duration timeout) {
        this.connections = connections;
        this.servers = servers;
        this.context = context;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
        if (timeout.isZero() || timeout.isNegative()) {
            log.info("Not waiting for Axon Server at {} (context '{}'): orderflow.axonserver.startup-timeout is 0",
                     servers, context);
            return;
        }
        Instant started = Instant.now();
        Instant giveUp = started.plus(timeout);
        Instant nextProgress = started.plus(PROGRESS);
        while (!connected()) {
            Instant now = Instant.now();
            if (now.isAfter(giveUp)) {
                running = false;
                throw new AxonServerUnreachableException(servers, context, timeout);
            }
            if (now.isAfter(nextProgress)) {
                log.warn("Waiting for Axon Server at {} (context '{}'), giving up in {} s", servers, context,
                         Duration.between(now, giveUp).toSeconds());
                nextProgress = now.plus(PROGRESS);
            }
            sleep();
        }
        log.info("Connected to Axon Server at {} (context '{}')", servers, context);
    }

    private boolean connected() {
        try {
            connections.getConnection(context);
            return connections.isConnected(context);
        } catch (RuntimeException e) {
            log.debug("Axon Server at {} not connected yet: {}", servers, e.getMessage());
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Axon Server", e);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before everything else that starts: Axon's processors, the command bus subscriptions, the web server. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
