package io.orderflow.platform.ops;

import io.orderflow.platform.kafka.ReadableRecords;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Actuator's {@code eventProcessors} component: {@code DEGRADED} while a processor is not running, one of its
 * segments is in error, it failed on a batch within the last {@code lagThreshold}, or it handles events older than
 * {@code lagThreshold} — the service answers, but the work behind it does not flow. Its details name each processor
 * concerned and why, and count the dead letters set aside per processing group (those wait for an operator, but
 * do not hold anything else up). It reads only what the processors hold in memory and the dead-letter counts: no
 * event-store or broker round trip on a path the dashboard polls. {@code DEGRADED} answers HTTP 200 and is not part of readiness: an instance that
 * cannot process events can still take requests, and restarting it does not help.
 */
public class ProcessorsHealth implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "Event processing needs an operator");

    private final EventProcessingConfiguration processing;
    private final DeadLetterOps deadLetters;
    private final OpsStats stats;
    private final Duration lagThreshold;

    public ProcessorsHealth(EventProcessingConfiguration processing, DeadLetterOps deadLetters, OpsStats stats,
                            Duration lagThreshold) {
        this.processing = processing;
        this.deadLetters = deadLetters;
        this.stats = stats;
        this.lagThreshold = lagThreshold;
    }

    @Override
    public Health health() {
        Map<String, String> problems = new LinkedHashMap<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            List<String> why = new ArrayList<>();
            if (!processor.isRunning()) {
                why.add("not running");
            }
            if (processor.isError()) {
                why.add("in error");
            }
            if (processor instanceof StreamingEventProcessor streaming) {
                streaming.processingStatus().values().stream()
                         .filter(EventTrackerStatus::isErrorState)
                         .forEach(segment -> why.add("segment " + segment.getSegment().getSegmentId() + " in error: "
                                                     + ReadableRecords.describe(segment.getError())));
            }
            stats.recentFailure(processor.getName(), lagThreshold)
                 .ifPresent(cause -> why.add("failed within " + lagThreshold.toSeconds() + " s: " + cause));
            Duration delay = stats.delay(processor.getName(), lagThreshold);
            if (delay.compareTo(lagThreshold) > 0) {
                why.add("handling events " + delay.toSeconds() + " s old (threshold " + lagThreshold.toSeconds() + " s)");
            }
            if (!why.isEmpty()) {
                problems.put(processor.getName(), String.join("; ", why));
            }
        }
        Health.Builder health = problems.isEmpty() ? Health.up() : Health.status(DEGRADED);
        return health.withDetail("problems", problems)
                     .withDetail("deadLetters", deadLetters.countByGroup())
                     .build();
    }
}
