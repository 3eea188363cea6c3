package io.orderflow.platform.ops;

import io.orderflow.platform.kafka.ReadableRecords;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The event processors of this service: their state, lag, and the operations on them. */
public class ProcessorOps {

    private static final long ACTION_TIMEOUT_SECONDS = 30;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final KafkaOffsets kafkaOffsets;
    private final OpsStats stats;
    private final Environment environment;
    private final List<ReplayPolicy> replayPolicies;

    public ProcessorOps(EventProcessingConfiguration processing, EventStore eventStore, KafkaOffsets kafkaOffsets,
                        OpsStats stats, Environment environment, List<ReplayPolicy> replayPolicies) {
        this.replayPolicies = List.copyOf(replayPolicies);
        this.processing = processing;
        this.eventStore = eventStore;
        this.kafkaOffsets = kafkaOffsets;
        this.stats = stats;
        this.environment = environment;
    }

    public record Segment(int segmentId, int mask, Long position, boolean caughtUp, boolean replaying,
                          boolean merging, boolean errorState, String error, Long lag) {
    }

    public record ProcessorStatus(String name, String type, String source, boolean running, boolean error,
                                  boolean replaying, boolean supportsReset, boolean saga, int activeThreads,
                                  Long lagEvents, Long lagMillis, Instant lastEventTimestamp, long eventsHandled,
                                  List<Segment> segments) {
    }

    public List<ProcessorStatus> list() {
        Long head = eventStoreHead();
        return processing.eventProcessors().values().stream()
                         .sorted(Comparator.comparing(EventProcessor::getName))
                         .map(processor -> status(processor, head))
                         .toList();
    }

    public Optional<ProcessorStatus> find(String name) {
        return processing.eventProcessors().values().stream()
                         .filter(processor -> processor.getName().equals(name))
                         .findFirst()
                         .map(processor -> status(processor, eventStoreHead()));
    }

    public void pause(String name) {
        EventProcessor processor = processor(name);
        processor.shutdownAsync().orTimeout(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    public void start(String name) {
        processor(name).start();
    }

    /**
     * Shuts the processor down, resets its tokens to the start of its source and starts it again, unless a
     * {@link ReplayPolicy} of the service refuses.
     */
    public void replay(String name) {
        StreamingEventProcessor processor = streaming(name);
        if (!processor.supportsReset()) {
            throw new OpsConflictException(name + " does not support a replay (sagas never do)");
        }
        for (ReplayPolicy policy : replayPolicies) {
            policy.refusal(name).ifPresent(reason -> {
                throw new OpsConflictException(reason);
            });
        }
        processor.shutdownAsync().orTimeout(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        processor.resetTokens();
        processor.start();
    }

    public boolean split(String name, int segmentId) {
        return streaming(name).splitSegment(segmentId).orTimeout(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    public boolean merge(String name, int segmentId) {
        return streaming(name).mergeSegment(segmentId).orTimeout(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    private ProcessorStatus status(EventProcessor processor, Long head) {
        String name = processor.getName();
        boolean saga = processing.sagaConfigurations().stream().anyMatch(c -> c.processingGroup().equals(name));
        String source = source(name);
        if (processor instanceof StreamingEventProcessor streaming) {
            String topics = streaming.processingStatus().values().stream()
                                     .map(status -> WrappedToken.unwrapLowerBound(status.getTrackingToken()))
                                     .filter(KafkaTrackingToken.class::isInstance)
                                     .flatMap(token -> ((KafkaTrackingToken) token).getPositions().keySet().stream())
                                     .map(partition -> partition.topic())
                                     .distinct().sorted().collect(java.util.stream.Collectors.joining(","));
            if (!topics.isEmpty()) {
                source = "Kafka " + topics;
            }
        }
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new ProcessorStatus(name, processor.getClass().getSimpleName(), source, processor.isRunning(),
                                       processor.isError(), false, false, saga, 0, null, null,
                                       stats.lastEventTimestamp(name), stats.eventsHandled(name), List.of());
        }
        List<Segment> segments = new ArrayList<>();
        Long totalLag = 0L;
        boolean caughtUp = true;
        for (EventTrackerStatus status : streaming.processingStatus().values()) {
            Long position = status.getCurrentPosition().isPresent() ? status.getCurrentPosition().getAsLong() : null;
            Long lag = lag(status.getTrackingToken(), position, head);
            totalLag = totalLag == null || lag == null ? null : Math.max(totalLag, lag);
            caughtUp &= status.isCaughtUp();
            segments.add(new Segment(status.getSegment().getSegmentId(), status.getSegment().getMask(), position,
                                     status.isCaughtUp(), status.isReplaying(), status.isMerging(),
                                     status.isErrorState(),
                                     status.getError() == null ? null : ReadableRecords.describe(status.getError()), lag));
        }
        segments.sort(Comparator.comparingInt(Segment::segmentId));
        Instant last = stats.lastEventTimestamp(name);
        Long lagMillis = null;
        if (!segments.isEmpty() && (caughtUp || (totalLag != null && totalLag == 0))) {
            lagMillis = 0L;
        } else if (last != null) {
            lagMillis = Math.max(0, Duration.between(last, Instant.now()).toMillis());
        }
        return new ProcessorStatus(name, processor.getClass().getSimpleName(), source, processor.isRunning(),
                                   processor.isError(), streaming.isReplaying(), streaming.supportsReset(), saga,
                                   segments.size(), segments.isEmpty() ? null : totalLag, lagMillis, last,
                                   stats.eventsHandled(name), segments);
    }

    private Long lag(TrackingToken token, Long position, Long head) {
        TrackingToken unwrapped = WrappedToken.unwrapLowerBound(token);
        if (unwrapped instanceof KafkaTrackingToken kafka && kafkaOffsets != null) {
            return kafkaOffsets.lag(kafka.getPositions());
        }
        if (head == null) {
            return null;
        }
        return Math.max(0, head - (position == null ? -1 : position));
    }

    private String source(String name) {
        String bean = environment.getProperty("axon.eventhandling.processors." + name + ".source");
        if (bean == null) {
            return "event store";
        }
        return "Kafka (" + bean + ")";
    }

    private Long eventStoreHead() {
        try {
            TrackingToken head = eventStore.createHeadToken();
            return head == null ? -1L : head.position().orElse(-1L);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private EventProcessor processor(String name) {
        return processing.eventProcessors().values().stream()
                         .filter(processor -> processor.getName().equals(name))
                         .findFirst()
                         .orElseThrow(() -> new OpsNotFoundException("No event processor " + name));
    }

    private StreamingEventProcessor streaming(String name) {
        if (processor(name) instanceof StreamingEventProcessor streaming) {
            return streaming;
        }
        throw new OpsConflictException(name + " is not a streaming processor");
    }

}
