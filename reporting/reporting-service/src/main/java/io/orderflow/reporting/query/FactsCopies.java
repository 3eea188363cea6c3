package io.orderflow.reporting.query;

import io.orderflow.platform.ops.ReplayPolicy;
import io.orderflow.reporting.config.EventSourcesConfiguration;
import io.orderflow.reporting.config.ReportingProperties;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The two copies of the order facts: which one answers, how fresh each is, and the zero-downtime rebuild.
 * <p>
 * Both copies are filled all the time, each by its own tracking processor with its own token (a blue/green pair): the
 * active copy answers queries, the other is a hot standby. A rebuild empties the standby and replays it from the
 * beginning of the topics while the active copy keeps answering; once the standby's processor is no further behind
 * the topics than the active one (both measured against the same end offsets), one update of {@code report_copy} makes it the active copy.
 * The previous copy keeps being filled and is the target of the next rebuild. The state lives in {@code report_copy},
 * so a rebuild interrupted by a restart goes on where it was (a replaying processor's token says it is replaying).
 * <p>
 * A single thread does all of it every {@code sample-interval}: it reads where the sources end (the topics' end
 * offsets, or the head of the Axon Server event stream), compares that with each processor's position (freshness),
 * then moves a running rebuild on. One reporting instance is assumed.
 */
@Component
public class FactsCopies implements SmartLifecycle, ReplayPolicy {

    public static final String VIEW = "order-facts";
    private static final Logger log = LoggerFactory.getLogger(FactsCopies.class);

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final SourceEnds sources;
    private final Duration interval;
    private final Clock clock;
    private final Map<FactsCopy, Sample> samples = new EnumMap<>(FactsCopy.class);
    private volatile SourceEnds.Ends lastEnds;
    private ScheduledExecutorService executor;

    /**
     * Measures against the three topics when the facts come from Kafka, otherwise against the end of the event
     * stream the copies read (Axon Server mode).
     */
    public FactsCopies(JdbcClient jdbc, EventProcessingConfiguration processing,
                       ObjectProvider<ConsumerFactory<String, byte[]>> consumerFactory,
                       @Qualifier("orderFactsSourceA") StreamableMessageSource<TrackedEventMessage<?>> source,
                       ReportingProperties properties) {
        this.jdbc = jdbc;
        this.processing = processing;
        ConsumerFactory<String, byte[]> kafka = consumerFactory.getIfAvailable();
        this.sources = kafka != null
                       ? new KafkaTopicEnds(kafka, List.of(EventSourcesConfiguration.ORDERS_TOPIC,
                                                           EventSourcesConfiguration.PAYMENTS_TOPIC,
                                                           EventSourcesConfiguration.FULFILLMENT_TOPIC))
                       : new EventStreamEnds(source);
        this.interval = properties.sampleInterval();
        this.clock = Clock.systemUTC();
    }

    /** @return the copy answering queries now */
    public FactsCopy active() {
        return FactsCopy.of(jdbc.sql("SELECT active_copy FROM report_copy WHERE view_name = ?")
                                .param(VIEW).query(String.class).single());
    }

    /** @return how fresh {@code copy} is now */
    public Freshness freshness(FactsCopy copy) {
        Sample sample;
        synchronized (samples) {
            sample = samples.get(copy);
        }
        return sample == null ? Freshness.of(copy, null, null, clock.instant())
                              : Freshness.of(copy, sample.asOf, sample.lagEvents, clock.instant());
    }

    /**
     * Starts a rebuild of the standby copy unless one runs already.
     *
     * @return the rebuild's status
     */
    public RebuildStatus requestRebuild() {
        int started = jdbc.sql("""
                               UPDATE report_copy
                               SET rebuilding_copy = CASE active_copy WHEN 'a' THEN 'b' ELSE 'a' END,
                                   rebuild_requested = now(), rebuild_reset = NULL, rebuild_finished = NULL
                               WHERE view_name = ? AND rebuilding_copy IS NULL
                               """).param(VIEW).update();
        if (started == 1) {
            log.info("Rebuild of {} requested", VIEW);
        }
        return status();
    }

    /**
     * The ops API's replay would empty a copy in place: if it is the answering copy, queries would see a half-built
     * view. Both copies are therefore replayed only through {@link #requestRebuild()}.
     */
    @Override
    public Optional<String> refusal(String processorName) {
        for (FactsCopy copy : FactsCopy.values()) {
            if (copy.processorName().equals(processorName)) {
                return Optional.of(processorName + " fills copy " + copy.id() + " of " + VIEW
                                   + "; replay it without downtime with POST /reports/admin/rebuild/" + VIEW);
            }
        }
        return Optional.empty();
    }

    public RebuildStatus status() {
        Row row = row();
        Instant now = clock.instant();
        Instant end = row.finished != null ? row.finished : now;
        Double seconds = row.requested == null ? null : Duration.between(row.requested, end).toMillis() / 1000.0;
        FactsCopy measured = row.rebuilding != null ? row.rebuilding : row.active;
        SourceEnds.Ends ends = lastEnds;
        Long applied = null;
        Long total = null;
        Double percent = null;
        if (ends != null && (row.rebuilding == null || row.reset != null)) {
            total = ends.total();
            applied = ends.applied(tokens(measured));
            percent = total == 0 ? 100.0 : Math.min(100.0, Math.round(1000.0 * applied / total) / 10.0);
        }
        return new RebuildStatus(VIEW, row.rebuilding != null ? "REBUILDING" : "IDLE", row.active.id(),
                                 row.rebuilding == null ? null : row.rebuilding.id(), row.requested, row.reset,
                                 row.finished, seconds, applied, total, percent, row.rebuilds);
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reporting-copies");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        sources.close();
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** After the event processors started, before they stop. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void tick() {
        try {
            Instant sampledAt = clock.instant();
            SourceEnds.Ends ends = sources.read();
            lastEnds = ends;
            Map<FactsCopy, Long> lag = new EnumMap<>(FactsCopy.class);
            for (FactsCopy copy : FactsCopy.values()) {
                long behind = ends.behind(tokens(copy));
                lag.put(copy, behind);
                synchronized (samples) {
                    Sample previous = samples.get(copy);
                    Instant asOf = behind == 0 ? sampledAt : previous == null ? null : previous.asOf;
                    samples.put(copy, new Sample(asOf, behind));
                }
            }
            advanceRebuild(lag);
        } catch (RuntimeException e) {
            log.warn("Could not measure the copies of {}: {}", VIEW, e.toString());
        }
    }

    private void advanceRebuild(Map<FactsCopy, Long> lag) {
        Row row = row();
        if (row.rebuilding == null) {
            return;
        }
        TrackingEventProcessor processor = processor(row.rebuilding);
        if (row.reset == null) {
            log.info("Rebuilding {}: replaying copy {} from the beginning of the topics", VIEW, row.rebuilding.id());
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            synchronized (samples) {
                samples.remove(row.rebuilding);
            }
            jdbc.sql("UPDATE report_copy SET rebuild_reset = now() WHERE view_name = ?").param(VIEW).update();
            return;
        }
        // Not the processor's replay flag: a replay only ends with the first event past the position the copy had
        // when it was reset, which on quiet topics may take arbitrarily long.
        Collection<EventTrackerStatus> statuses = processor.processingStatus().values();
        boolean running = !statuses.isEmpty() && statuses.stream().noneMatch(EventTrackerStatus::isErrorState);
        if (running && lag.get(row.rebuilding) <= lag.get(row.active)) {
            int switched = jdbc.sql("""
                                    UPDATE report_copy
                                    SET active_copy = rebuilding_copy, rebuilding_copy = NULL, rebuild_finished = now(),
                                        rebuilds = rebuilds + 1
                                    WHERE view_name = ? AND rebuilding_copy = ?
                                    """).params(VIEW, row.rebuilding.id()).update();
            if (switched == 1) {
                log.info("Rebuilt {}: copy {} answers now", VIEW, row.rebuilding.id());
            }
        }
    }

    private Row row() {
        return jdbc.sql("SELECT * FROM report_copy WHERE view_name = ?").param(VIEW)
                   .query((rs, n) -> new Row(FactsCopy.of(rs.getString("active_copy")),
                                             Optional.ofNullable(rs.getString("rebuilding_copy")).map(FactsCopy::of)
                                                     .orElse(null),
                                             instant(rs.getTimestamp("rebuild_requested")),
                                             instant(rs.getTimestamp("rebuild_reset")),
                                             instant(rs.getTimestamp("rebuild_finished")), rs.getInt("rebuilds")))
                   .single();
    }

    private TrackingEventProcessor processor(FactsCopy copy) {
        return processing.eventProcessor(copy.processorName(), TrackingEventProcessor.class)
                         .orElseThrow(() -> new IllegalStateException("No processor " + copy.processorName()));
    }

    /** @return the copy's processor's tokens, one per segment, {@code null} for a segment that has read nothing */
    private List<TrackingToken> tokens(FactsCopy copy) {
        List<TrackingToken> tokens = new ArrayList<>();
        for (EventTrackerStatus status : processor(copy).processingStatus().values()) {
            tokens.add(WrappedToken.unwrapLowerBound(status.getTrackingToken()));
        }
        return tokens;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Sample(Instant asOf, long lagEvents) {
    }

    private record Row(FactsCopy active, FactsCopy rebuilding, Instant requested, Instant reset, Instant finished,
                       int rebuilds) {
    }
}
