package io.orderflow.platform.ops;

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
 * do not hold anything else up). {@code DEGRADED} answers HTTP 200 and is not part of readiness: an instance that
 * cannot process events can still take requests, and restarting it does not help.
 */
public class ProcessorsHealth implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "Event processing needs an operator");

    private final ProcessorOps processors;
    private final DeadLetterOps deadLetters;
    private final OpsStats stats;
    private final Duration lagThreshold;

    public ProcessorsHealth(ProcessorOps processors, DeadLetterOps deadLetters, OpsStats stats, Duration lagThreshold) {
        this.processors = processors;
        this.deadLetters = deadLetters;
        this.stats = stats;
        this.lagThreshold = lagThreshold;
    }

    @Override
    public Health health() {
        Map<String, String> problems = new LinkedHashMap<>();
        for (ProcessorOps.ProcessorStatus processor : processors.list()) {
            List<String> why = new ArrayList<>();
            if (!processor.running()) {
                why.add("not running");
            }
            if (processor.error()) {
                why.add("in error");
            }
            processor.segments().stream()
                     .filter(ProcessorOps.Segment::errorState)
                     .forEach(segment -> why.add("segment " + segment.segmentId() + " in error: " + segment.error()));
            stats.recentFailure(processor.name(), lagThreshold)
                 .ifPresent(cause -> why.add("failed within " + lagThreshold.toSeconds() + " s: " + cause));
            Duration delay = stats.delay(processor.name(), lagThreshold);
            if (delay.compareTo(lagThreshold) > 0) {
                why.add("handling events " + delay.toSeconds() + " s old (threshold " + lagThreshold.toSeconds() + " s)");
            }
            if (!why.isEmpty()) {
                problems.put(processor.name(), String.join("; ", why));
            }
        }
        Health.Builder health = problems.isEmpty() ? Health.up() : Health.status(DEGRADED);
        return health.withDetail("problems", problems)
                     .withDetail("deadLetters", deadLetters.countByGroup())
                     .build();
    }
}
