package io.orderflow.platform.saga;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.kafka.UnreadableRecordHandler;
import io.orderflow.platform.axon.Redelivery;
import io.orderflow.platform.kafka.UnreadableRecord;
import io.orderflow.platform.kafka.UnreadableRecordException;
import org.axonframework.common.property.Property;
import org.axonframework.common.property.PropertyAccessStrategy;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.SagaManagerSpanFactory;
import org.axonframework.modelling.saga.repository.SagaStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A saga manager that holds one saga instead of the whole processor. Events are sequenced by the saga's association
 * property (an order id): once a sequence has a dead letter, every later event of that sequence joins it in the
 * processing group's dead-letter queue, in order, while the other sagas go on. An {@link UnreadableRecord} is set
 * aside there at once, in the sequence of the order its value names, or in a sequence of its own when it names none.
 * An event whose handling fails makes the processor roll back and retry (with its back-off) as before; once it has
 * failed {@code attempts} times, it is set aside instead, with its last failure as the cause. The failing handler's
 * changes are never kept: the batch it was part of rolled back, and the next attempt parks the event before the
 * saga sees it.
 * <p>
 * Each event is checked by the one segment that owns its sequence (the segment a new saga of that association is
 * created in), so it is parked once. Retrying a sequence ({@link #process}) reads unreadable records again and hands
 * the sequence's events to the saga in order, each in its own transaction, until one still fails.
 */
public class IsolatingSagaManager<T> extends AnnotatedSagaManager<T> implements SequencedDeadLetterProcessor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(IsolatingSagaManager.class);

    private final String associationProperty;
    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final TransactionManager transactionManager;
    private final Function<UnreadableRecord, EventMessage<?>> reread;
    private final Counter setAside;
    private final Counter failedAside;
    private final int attempts;
    private final Map<Class<?>, Optional<Property<Object>>> properties = new ConcurrentHashMap<>();
    /** Events that failed (by message identifier), while they are being retried: how often, and the last cause. */
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    private record Failure(int attempts, Throwable cause) {
    }

    /**
     * @param reread   reads an unreadable record again, giving its event or, still unreadable, an event carrying it
     * @param attempts how often an event may fail before it is set aside
     */
    public IsolatingSagaManager(AnnotatedSagaManager.Builder<T> builder, String associationProperty,
                                SequencedDeadLetterQueue<EventMessage<?>> queue,
                                TransactionManager transactionManager,
                                Function<UnreadableRecord, EventMessage<?>> reread, int attempts,
                                Counter setAside, Counter failedAside) {
        super(builder);
        this.associationProperty = associationProperty;
        this.queue = queue;
        this.transactionManager = transactionManager;
        this.reread = reread;
        this.setAside = setAside;
        this.failedAside = failedAside;
        if (attempts < 1) {
            throw new IllegalArgumentException("A saga event needs at least one attempt, not " + attempts);
        }
        this.attempts = attempts;
    }

    /**
     * Registers {@code sagaType} with this manager, its sagas in {@code sagaStore} and its dead letters in the
     * queue of its processing group.
     */
    public static <T> void register(EventProcessingConfigurer processing, Class<T> sagaType, String associationProperty,
                                    SagaStore<? super T> sagaStore,
                                    Function<UnreadableRecord, EventMessage<?>> reread, int attempts,
                                    MeterRegistry meters) {
        processing.registerSaga(sagaType, saga -> saga
                .configureSagaStore(config -> sagaStore)
                .configureSagaManager(config -> {
                    EventProcessingConfiguration processors = config.eventProcessingConfiguration();
                    String group = processors.sagaProcessingGroup(sagaType);
                    AnnotatedSagaManager.Builder<T> builder =
                            AnnotatedSagaManager.<T>builder()
                                                .sagaType(sagaType)
                                                .sagaRepository(processors.sagaConfiguration(sagaType).repository())
                                                .parameterResolverFactory(config.parameterResolverFactory())
                                                .handlerDefinition(config.handlerDefinition(sagaType))
                                                .listenerInvocationErrorHandler(
                                                        processors.listenerInvocationErrorHandler(group))
                                                .spanFactory(config.getComponent(SagaManagerSpanFactory.class));
                    return new IsolatingSagaManager<>(
                            builder, associationProperty,
                            processors.deadLetterQueue(group).orElseThrow(() -> new IllegalStateException(
                                    "Processing group " + group + " has no dead-letter queue")),
                            config.getComponent(TransactionManager.class), reread, attempts,
                            UnreadableRecordHandler.setAsideCounter(meters, group, "unreadable"),
                            UnreadableRecordHandler.setAsideCounter(meters, group, "failing"));
                }));
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        if (UnreadableRecord.class.equals(event.getPayloadType())) {
            return segment.matches(association(sequence(event)));
        }
        return super.canHandle(event, segment);
    }

    @Override
    public void handle(EventMessage<?> event, Segment segment) throws Exception {
        String sequence = sequence(event);
        if (sequence == null || !segment.matches(association(sequence))) {
            super.handle(event, segment);
            return;
        }
        if (event.getPayload() instanceof UnreadableRecord record) {
            queue.enqueue(sequence, new GenericDeadLetter<>(sequence, event, new UnreadableRecordException(record)));
            setAside.increment();
            log.warn("Set aside unreadable record {} for {} {}: {}", record.position(), associationProperty, sequence,
                     record.error());
            return;
        }
        if (queue.enqueueIfPresent(sequence, () -> new GenericDeadLetter<>(sequence, event))) {
            return;
        }
        Failure failed = failures.isEmpty() ? null : failures.get(event.getIdentifier());
        if (failed != null && failed.attempts() >= attempts) {
            queue.enqueue(sequence, new GenericDeadLetter<>(sequence, event, failed.cause()));
            failures.remove(event.getIdentifier());
            failedAside.increment();
            log.warn("Set aside {} for {} {} after {} failed attempts: {}", event.getPayloadType().getSimpleName(),
                     associationProperty, sequence, failed.attempts(), failed.cause().toString());
            return;
        }
        try {
            super.handle(event, segment);
        } catch (Exception | Error e) {
            failures.merge(event.getIdentifier(), new Failure(1, e),
                           (before, now) -> new Failure(before.attempts() + 1, e));
            throw e;
        }
        if (failed != null) {
            failures.remove(event.getIdentifier());
        }
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter) {
        return queue.process(sequenceFilter, this::retry);
    }

    private EnqueueDecision<EventMessage<?>> retry(DeadLetter<? extends EventMessage<?>> letter) {
        return Redelivery.redeliver(letter.message(), reread, transactionManager,
                                    event -> super.handle(event, Segment.ROOT_SEGMENT));
    }

    /** The event's sequence: its association value, or for an unreadable record naming none, its own position. */
    private String sequence(EventMessage<?> event) {
        if (UnreadableRecord.class.equals(event.getPayloadType())) {
            UnreadableRecord record = (UnreadableRecord) event.getPayload();
            return record.orderId() != null ? record.orderId() : "unreadable:" + record.position();
        }
        Object payload = event.getPayload();
        return properties.computeIfAbsent(payload.getClass(), type -> Optional.ofNullable(
                                 PropertyAccessStrategy.getProperty(type, associationProperty)))
                         .map(property -> property.getValue(payload))
                         .map(String::valueOf)
                         .orElse(null);
    }

    private AssociationValue association(String sequence) {
        return new AssociationValue(associationProperty, sequence);
    }
}
