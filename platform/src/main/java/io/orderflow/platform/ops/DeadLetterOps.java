package io.orderflow.platform.ops;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dead letters of every processing group of this service (each has a JDBC dead-letter queue, see
 * {@link OpsAutoConfiguration}): an event whose handler failed is parked there with the rest of its sequence (the
 * same aggregate) while other sequences go on. Retrying a letter runs its sequence through the handlers again.
 */
public class DeadLetterOps {

    private final EventProcessingConfiguration processing;
    private final ObjectMapper objectMapper;

    public DeadLetterOps(EventProcessingConfiguration processing, ObjectMapper objectMapper) {
        this.processing = processing;
        this.objectMapper = objectMapper;
    }

    public record Letter(String id, String processingGroup, String sequenceIdentifier, long sequenceIndex,
                         String eventId, String eventType, String aggregateId, Long aggregateSequenceNumber,
                         Instant eventTimestamp, String traceId, String causeType, String causeMessage,
                         Instant enqueuedAt, Instant lastTouched, Map<String, Object> diagnostics, JsonNode payload) {
    }

    public record Retry(String id, boolean processed, long remainingInSequence) {
    }

    public List<Letter> list(String processingGroup) {
        List<Letter> letters = new ArrayList<>();
        queues().forEach((group, queue) -> {
            if (processingGroup == null || processingGroup.equals(group)) {
                for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                    for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                        letters.add(describe(group, letter));
                    }
                }
            }
        });
        letters.sort(Comparator.comparing(Letter::enqueuedAt));
        return letters;
    }

    public long count() {
        return queues().values().stream().mapToLong(SequencedDeadLetterQueue::size).sum();
    }

    public Map<String, Long> countByGroup() {
        Map<String, Long> counts = new TreeMap<>();
        queues().forEach((group, queue) -> counts.put(group, queue.size()));
        return counts;
    }

    public Optional<Letter> find(String id) {
        return list(null).stream().filter(letter -> letter.id().equals(id)).findFirst();
    }

    /** Runs the letter's sequence (starting at its oldest letter) through the group's handlers again. */
    public Retry retry(String id) {
        Letter letter = find(id).orElseThrow(() -> new OpsNotFoundException("No dead letter " + id));
        boolean processed = processing.sequencedDeadLetterProcessor(letter.processingGroup())
                                      .orElseThrow(() -> new OpsConflictException(
                                              letter.processingGroup() + " has no dead-letter processor"))
                                      .process(head -> head instanceof JdbcDeadLetter<?> jdbc
                                              && jdbc.getSequenceIdentifier().equals(letter.sequenceIdentifier()));
        long remaining = queues().get(letter.processingGroup()).sequenceSize(letter.sequenceIdentifier());
        return new Retry(id, processed && find(id).isEmpty(), remaining);
    }

    /** Removes the letter for good: its event is never handled by that group. */
    public void evict(String id) {
        Letter letter = find(id).orElseThrow(() -> new OpsNotFoundException("No dead letter " + id));
        SequencedDeadLetterQueue<EventMessage<?>> queue = queues().get(letter.processingGroup());
        for (DeadLetter<? extends EventMessage<?>> candidate : queue.deadLetterSequence(letter.sequenceIdentifier())) {
            if (candidate instanceof JdbcDeadLetter<?> jdbc && jdbc.getIdentifier().equals(id)) {
                queue.evict(candidate);
                return;
            }
        }
        throw new OpsNotFoundException("No dead letter " + id);
    }

    private Map<String, SequencedDeadLetterQueue<EventMessage<?>>> queues() {
        Map<String, SequencedDeadLetterQueue<EventMessage<?>>> queues = new TreeMap<>();
        for (String group : processing.eventProcessors().keySet()) {
            processing.deadLetterQueue(group).ifPresent(queue -> queues.put(group, queue));
        }
        return queues;
    }

    private Letter describe(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        String id = letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getIdentifier() : event.getIdentifier();
        String sequence = letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier() : null;
        long index = letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIndex() : 0;
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long aggregateSequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        JsonNode payload;
        try {
            payload = objectMapper.valueToTree(event.getPayload());
        } catch (RuntimeException e) {
            payload = objectMapper.getNodeFactory().stringNode(String.valueOf(event.getPayload()));
        }
        return new Letter(id, group, sequence, index, event.getIdentifier(), event.getPayloadType().getName(),
                          aggregateId, aggregateSequence, event.getTimestamp(), TraceIds.traceId(event),
                          letter.cause().map(cause -> cause.type()).orElse(null),
                          letter.cause().map(cause -> cause.message()).orElse(null),
                          letter.enqueuedAt(), letter.lastTouched(), Map.copyOf(letter.diagnostics()), payload);
    }
}
