package io.orderflow.platform.commandbus;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Static discovery never announces anything, but the command router only refreshes its membership when told:
 * announce this node once the application is ready, then send heartbeats so peers that come and go are noticed.
 */
class MembershipHeartbeat implements SmartLifecycle {

    private final ApplicationEventPublisher publisher;
    private final StaticRegistration registration;
    private final Duration interval;
    private final AtomicLong beats = new AtomicLong();
    private ScheduledExecutorService executor;

    MembershipHeartbeat(ApplicationEventPublisher publisher, StaticRegistration registration, Duration interval) {
        this.publisher = publisher;
        this.registration = registration;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void announce() {
        publisher.publishEvent(new InstanceRegisteredEvent<>(this, registration));
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-bus-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> publisher.publishEvent(new HeartbeatEvent(this, beats.incrementAndGet())),
                                        interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
