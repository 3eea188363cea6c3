package io.orderflow.platform.commandbus;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;

/** Asks the peers what they handle once the application is ready, then every {@code refreshInterval}. */
class PeerRefresh implements AutoCloseable {

    private final StaticCommandRouter router;
    private final Duration interval;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    PeerRefresh(StaticCommandRouter router, Duration interval) {
        this.router = router;
        this.interval = interval;
        scheduler.setThreadNamePrefix("command-bus-peers-");
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        router.refresh();
        scheduler.scheduleWithFixedDelay(router::refresh, interval);
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }
}
