package io.orderflow.platform.ops;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import io.orderflow.platform.axon.Redelivery;
import io.orderflow.platform.kafka.ReadableRecords;
import io.orderflow.platform.kafka.UnreadableRecord;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.Serializer;
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
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The dead letters of every processing group of this service (each has a JDBC dead-letter queue, see
 * {@link OpsAutoConfiguration}): an event whose handler failed is parked there with the rest of its sequence (the
 * same aggregate; for a saga, the same association) while other sequences go on. Retrying a letter runs its sequence
 * through the handlers again. A letter is always shown, even one whose payload cannot be read: then as its stored
 * text, escaped and cut.
 */
public class DeadLetterOps {

    private final EventProcessingConfiguration processing;
    private final ObjectMapper objectMapper;
    private final Serializer eventSerializer;
    private final TransactionManager transactionManager;
    private final Function<UnreadableRecord, EventMessage<?>> reread;

    /**
     * @param reread reads an unreadable record again; without Kafka, gives it back as it was
     */
    public DeadLetterOps(EventProcessingConfiguration processing, ObjectMapper objectMapper, Serializer eventSerializer,
                         TransactionManager transactionManager, Function<UnreadableRecord, EventMessage<?>> reread) {
        this.processing = processing;
        this.objectMapper = objectMapper;
        this.eventSerializer = eventSerializer;
        this.transactionManager = transactionManager;
        this.reread = reread;
    }

    public record Letter(String id, String processingGroup, String sequenceIdentifier, long sequenceIndex,
                         String eventId, String eventType, String aggregateId, Long aggregateSequenceNumber,
                         Instant eventTimestamp, String traceId, String causeType, String causeMessage,
                         Instant enqueuedAt, Instant lastTouched, Map<String, Object> diagnostics, JsonNode payload) {
    }

    public record Retry(String id, boolean processed, long remainingInSequence, String cause) {
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

    /**
     * Runs the letter's sequence (starting at its oldest letter) through the group's handlers again. An unreadable
     * record in a projection's queue (a sequence of its own) is read again: once it reads, its event goes to the
     * group's handlers and the letter is evicted in the same transaction.
     */
    public Retry retry(String id) {
        Letter letter = find(id).orElseThrow(() -> new OpsNotFoundException("No dead letter " + id));
        String group = letter.processingGroup();
        Predicate<DeadLetter<? extends EventMessage<?>>> sequence =
                head -> head instanceof JdbcDeadLetter<?> jdbc
                        && jdbc.getSequenceIdentifier().equals(letter.sequenceIdentifier());
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> saga = sagaManager(group);
        boolean processed;
        if (saga.isPresent()) {
            processed = saga.get().process(sequence);
        } else if (UnreadableRecord.class.getName().equals(letter.eventType())) {
            processed = queues().get(group).process(sequence, dead -> readAgain(group, dead));
        } else {
            processed = processing.sequencedDeadLetterProcessor(group)
                                  .orElseThrow(() -> new OpsConflictException(group + " has no dead-letter processor"))
                                  .process(sequence);
        }
        long remaining = queues().get(group).sequenceSize(letter.sequenceIdentifier());
        Optional<Letter> left = find(id);
        return new Retry(id, processed && left.isEmpty(), remaining, left.map(Letter::causeMessage).orElse(null));
    }

    private EnqueueDecision<EventMessage<?>> readAgain(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventHandlerInvoker handlers = processing.eventProcessor(group, AbstractEventProcessor.class)
                                                 .orElseThrow(() -> new OpsConflictException("No processor " + group))
                                                 .eventHandlerInvoker();
        return Redelivery.redeliver(letter.message(), reread, transactionManager,
                                    event -> handlers.handle(event, Segment.ROOT_SEGMENT));
    }

    /** The saga manager of the group, if it processes its own dead letters (Axon 4 has none for sagas). */
    @SuppressWarnings("unchecked")
    private Optional<SequencedDeadLetterProcessor<EventMessage<?>>> sagaManager(String group) {
        return processing.sagaConfigurations().stream()
                         .filter(saga -> saga.processingGroup().equals(group))
                         .map(saga -> saga.manager())
                         .filter(SequencedDeadLetterProcessor.class::isInstance)
                         .map(manager -> (SequencedDeadLetterProcessor<EventMessage<?>>) manager)
                         .findFirst();
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
        String eventType;
        try {
            eventType = event.getPayloadType().getName();
        } catch (RuntimeException e) {
            eventType = null;
        }
        return new Letter(id, group, sequence, index, event.getIdentifier(), eventType,
                          aggregateId, aggregateSequence, event.getTimestamp(), TraceIds.traceId(event),
                          letter.cause().map(cause -> cause.type()).orElse(null),
                          letter.cause().map(cause -> cause.message()).orElse(null),
                          letter.enqueuedAt(), letter.lastTouched(), Map.copyOf(letter.diagnostics()),
                          payload(event));
    }

    /**
     * The payload as JSON; an {@link UnreadableRecord} as where it was, its headers, the error and its value as
     * text; a payload that cannot be deserialized as its stored text and the error.
     */
    private JsonNode payload(EventMessage<?> event) {
        Object payload;
        try {
            payload = event.getPayload();
        } catch (RuntimeException e) {
            ObjectNode unreadable = objectMapper.createObjectNode();
            unreadable.put("unreadable", true);
            unreadable.put("error", ReadableRecords.describe(e));
            try {
                unreadable.put("stored", UnreadableRecord.preview(event.serializePayload(eventSerializer, byte[].class)
                                                                        .getData()));
            } catch (RuntimeException notStored) {
                unreadable.put("stored", (String) null);
            }
            return unreadable;
        }
        if (payload instanceof UnreadableRecord record) {
            ObjectNode unreadable = objectMapper.createObjectNode();
            unreadable.put("unreadable", true);
            unreadable.put("error", record.error());
            unreadable.put("topic", record.topic());
            unreadable.put("partition", record.partition());
            unreadable.put("offset", record.offset());
            unreadable.put("key", record.key());
            unreadable.put("orderId", record.orderId());
            unreadable.set("headers", objectMapper.valueToTree(record.headersText()));
            unreadable.put("value", record.preview());
            return unreadable;
        }
        try {
            return objectMapper.valueToTree(payload);
        } catch (RuntimeException e) {
            return objectMapper.getNodeFactory().stringNode(UnreadableRecord.preview(
                    String.valueOf(payload).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }
}
