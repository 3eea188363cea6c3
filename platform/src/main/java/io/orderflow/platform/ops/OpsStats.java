package io.orderflow.platform.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderflow.platform.kafka.ReadableRecords;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this node handled since it started: commands, per event processor the events it handled and the
 * timestamp of the newest one (how far behind a processor is in time), and the requests it refused. Counters only;
 * the dashboard turns them into rates.
 */
public class OpsStats {

    /** Batches a processor failed on (each attempt), by processor. */
    public static final String EVENTS_FAILED = "orderflow.events.failed";

    private final MeterRegistry meters;

    public OpsStats() {
        this(new SimpleMeterRegistry());
    }

    /** @param meters where {@link #EVENTS_FAILED} is counted */
    public OpsStats(MeterRegistry meters) {
        this.meters = meters;
    }

    private final AtomicLong commandsHandled = new AtomicLong();
    private final AtomicLong commandsFailed = new AtomicLong();
    private final Map<String, AtomicLong> eventsHandled = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastEventTimestamp = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requestsRefused = new ConcurrentHashMap<>();
    private final Map<String, Handled> lastHandled = new ConcurrentHashMap<>();

    private final Map<String, Failure> lastFailure = new ConcurrentHashMap<>();

    private record Failure(long atNanos, String cause) {
    }

    /** When this node handled a processor's latest event, and that event's timestamp. */
    private record Handled(long atNanos, long delayMillis) {
    }

    void commandHandled(boolean failed) {
        commandsHandled.incrementAndGet();
        if (failed) {
            commandsFailed.incrementAndGet();
        }
    }

    public void eventHandled(String processor, Instant eventTimestamp) {
        eventsHandled.computeIfAbsent(processor, p -> new AtomicLong()).incrementAndGet();
        if (eventTimestamp != null) {
            lastEventTimestamp.merge(processor, eventTimestamp, (a, b) -> a.isAfter(b) ? a : b);
            lastHandled.put(processor, new Handled(System.nanoTime(),
                                                   Math.max(0, System.currentTimeMillis() - eventTimestamp.toEpochMilli())));
        }
    }

    /** A processor failed on a batch (a handler, or its commit): it rolls back and retries. */
    public void eventFailed(String processor, Throwable failure) {
        Counter.builder(EVENTS_FAILED)
               .description("Batches a processor failed on, each attempt (the Kafka publisher included)")
               .tag("processor", processor)
               .register(meters)
               .increment();
        lastFailure.put(processor, new Failure(System.nanoTime(), ReadableRecords.describe(failure)));
    }

    /** The latest failure of a processor's handlers, provided it happened within {@code recent}. */
    public Optional<String> recentFailure(String processor, Duration recent) {
        Failure failure = lastFailure.get(processor);
        if (failure == null || System.nanoTime() - failure.atNanos() > recent.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(failure.cause());
    }

    /** A client's request was refused to protect work already accepted (see {@code ServiceBusyException}). */
    public void requestRefused(String reason) {
        requestsRefused.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** @return requests refused since start, by reason */
    public Map<String, Long> requestsRefused() {
        Map<String, Long> refused = new java.util.TreeMap<>();
        requestsRefused.forEach((reason, count) -> refused.put(reason, count.get()));
        return refused;
    }

    /**
     * How far behind a processor is, in time: how old its latest event was when it handled it, provided it handled
     * one within {@code recent}; zero otherwise (a processor that has nothing to do is not behind).
     */
    public Duration delay(String processor, Duration recent) {
        Handled handled = lastHandled.get(processor);
        if (handled == null || System.nanoTime() - handled.atNanos() > recent.toNanos()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(handled.delayMillis());
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
