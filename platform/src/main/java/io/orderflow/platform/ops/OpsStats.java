package io.orderflow.platform.ops;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this node handled since it started: commands, and per event processor the events it handled and the
 * timestamp of the newest one (how far behind a processor is in time). Counters only; the dashboard turns them
 * into rates.
 */
public class OpsStats {

    private final AtomicLong commandsHandled = new AtomicLong();
    private final AtomicLong commandsFailed = new AtomicLong();
    private final Map<String, AtomicLong> eventsHandled = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastEventTimestamp = new ConcurrentHashMap<>();

    void commandHandled(boolean failed) {
        commandsHandled.incrementAndGet();
        if (failed) {
            commandsFailed.incrementAndGet();
        }
    }

    void eventHandled(String processor, Instant eventTimestamp) {
        eventsHandled.computeIfAbsent(processor, p -> new AtomicLong()).incrementAndGet();
        if (eventTimestamp != null) {
            lastEventTimestamp.merge(processor, eventTimestamp, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    public long commandsHandled() {
        return commandsHandled.get();
    }

    public long commandsFailed() {
        return commandsFailed.get();
    }

    public long eventsHandled(String processor) {
        AtomicLong count = eventsHandled.get(processor);
        return count == null ? 0 : count.get();
    }

    public long eventsHandled() {
        return eventsHandled.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public Instant lastEventTimestamp(String processor) {
        return lastEventTimestamp.get(processor);
    }
}
