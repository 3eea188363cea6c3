package io.orderflow.platform.saga;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderflow.platform.kafka.UnreadableRecord;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.modelling.saga.repository.AnnotatedSagaRepository;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class IsolatingSagaManagerTest {

    static final List<String> HANDLED = new ArrayList<>();

    public record Started(String orderId) {
    }

    public record Stepped(String orderId, int step) {
    }

    public record Broken(String orderId) {
    }

    static volatile boolean broken = true;

    public static class TestSaga {

        @StartSaga
        @SagaEventHandler(associationProperty = "orderId")
        public void on(Started event) {
            HANDLED.add(event.orderId() + " started");
        }

        @SagaEventHandler(associationProperty = "orderId")
        public void on(Stepped event) {
            HANDLED.add(event.orderId() + " step " + event.step());
        }

        @SagaEventHandler(associationProperty = "orderId")
        public void on(Broken event) {
            if (broken) {
                throw new IllegalStateException("saga cannot handle " + event.orderId());
            }
            HANDLED.add(event.orderId() + " mended");
        }
    }

    private final SequencedDeadLetterQueue<EventMessage<?>> queue = InMemorySequencedDeadLetterQueue.defaultQueue();
    private final Counter setAside = new SimpleMeterRegistry().counter("set-aside");
    private final Counter failedAside = new SimpleMeterRegistry().counter("failed-aside");
    private final AtomicReference<Function<UnreadableRecord, EventMessage<?>>> reread =
            new AtomicReference<>(GenericEventMessage::asEventMessage);
    private IsolatingSagaManager<TestSaga> manager;

    @BeforeEach
    void manager() {
        HANDLED.clear();
        broken = true;
        AnnotatedSagaRepository<TestSaga> repository = AnnotatedSagaRepository.<TestSaga>builder()
                                                                             .sagaType(TestSaga.class)
                                                                             .sagaStore(new InMemorySagaStore())
                                                                             .build();
        manager = new IsolatingSagaManager<>(AnnotatedSagaManager.<TestSaga>builder()
                                                                 .sagaType(TestSaga.class)
                                                                 .sagaRepository(repository)
                                                                 .listenerInvocationErrorHandler(
                                                                         PropagatingErrorHandler.instance()),
                                             "orderId", queue, NoTransactionManager.INSTANCE,
                                             record -> reread.get().apply(record), 3, setAside, failedAside);
    }

    @Test
    void parksOnlyTheOrderAnUnreadableRecordNamesWhileOtherOrdersGoOn() {
        deliver(new Started("A"), new Started("B"), unreadable("A", 7), new Stepped("A", 1), new Stepped("B", 1));

        assertThat(HANDLED).containsExactly("A started", "B started", "B step 1");
        assertThat(queue.sequenceSize("A")).isEqualTo(2);
        assertThat(queue.contains("B")).isFalse();
        assertThat(setAside.count()).isEqualTo(1.0);
    }

    @Test
    void handsTheParkedSequenceToTheSagaInOrderOnceTheRecordReads() {
        deliver(new Started("A"), unreadable("A", 7), new Stepped("A", 2));
        reread.set(record -> GenericEventMessage.asEventMessage(new Stepped("A", 1)));

        boolean processed = manager.process(letter -> ((GenericDeadLetter<?>) letter).getSequenceIdentifier().equals("A"));

        assertThat(processed).isTrue();
        assertThat(HANDLED).containsExactly("A started", "A step 1", "A step 2");
        assertThat(queue.contains("A")).isFalse();
    }

    @Test
    void keepsTheSequenceParkedWhileTheRecordStaysUnreadable() {
        deliver(new Started("A"), unreadable("A", 7), new Stepped("A", 2));

        boolean processed = manager.process(letter -> ((GenericDeadLetter<?>) letter).getSequenceIdentifier().equals("A"));

        assertThat(processed).isFalse();
        assertThat(HANDLED).containsExactly("A started");
        assertThat(queue.sequenceSize("A")).isEqualTo(2);
        assertThat(queue.deadLetterSequence("A").iterator().next().cause().orElseThrow().message())
                .contains("topic-a/0/7");
    }

    @Test
    void setsAsideARecordNamingNoOrderInASequenceOfItsOwn() {
        deliver(new Started("A"), unreadable(null, 9), new Stepped("A", 1));

        assertThat(HANDLED).containsExactly("A started", "A step 1");
        assertThat(queue.contains("unreadable:topic-a/0/9")).isTrue();
        assertThat(queue.amountOfSequences()).isEqualTo(1);
    }

    @Test
    void parksAnEventOnceWhateverTheNumberOfSegments() {
        Segment[] segments = Segment.ROOT_SEGMENT.split();
        for (Object payload : List.of(new Started("A"), unreadable("A", 7), new Stepped("A", 1))) {
            EventMessage<?> event = GenericEventMessage.asEventMessage(payload);
            for (Segment segment : segments) {
                if (manager.canHandle(event, segment)) {
                    handle(event, segment);
                }
            }
        }

        assertThat(HANDLED).containsExactly("A started");
        assertThat(queue.sequenceSize("A")).isEqualTo(2);
    }

    @Test
    void retriesAFailingEventThenParksItsOrderAndHandsItOnAfterTheFix() {
        deliver(new Started("A"), new Started("B"));
        EventMessage<?> failing = GenericEventMessage.asEventMessage(new Broken("A"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(attempt(failing)).as("attempt " + attempt).isInstanceOf(IllegalStateException.class);
        }
        assertThat(queue.contains("A")).isFalse();

        assertThat(attempt(failing)).as("the fourth delivery parks it").isNull();
        deliver(new Stepped("A", 1), new Stepped("B", 1));

        assertThat(HANDLED).containsExactly("A started", "B started", "B step 1");
        assertThat(queue.sequenceSize("A")).isEqualTo(2);
        assertThat(queue.deadLetterSequence("A").iterator().next().cause().orElseThrow().message())
                .contains("saga cannot handle A");
        assertThat(failedAside.count()).isEqualTo(1.0);

        broken = false;
        assertThat(manager.process(letter -> true)).isTrue();
        assertThat(HANDLED).containsExactly("A started", "B started", "B step 1", "A mended", "A step 1");
        assertThat(queue.contains("A")).isFalse();
    }

    @Test
    void forgetsTheFailuresOfAnEventThatSucceedsOnARetry() {
        deliver(new Started("A"));
        EventMessage<?> failing = GenericEventMessage.asEventMessage(new Broken("A"));
        attempt(failing);
        attempt(failing);
        broken = false;
        assertThat(attempt(failing)).isNull();
        broken = true;

        assertThat(attempt(failing)).as("counted from zero again").isInstanceOf(IllegalStateException.class);
        assertThat(HANDLED).containsExactly("A started", "A mended");
        assertThat(queue.contains("A")).isFalse();
    }

    /** One delivery of the event in its own unit of work: what it threw, or null. */
    private Throwable attempt(EventMessage<?> event) {
        var result = DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> {
            manager.handle(event, Segment.ROOT_SEGMENT);
            return null;
        });
        return result.isExceptional() ? result.exceptionResult() : null;
    }

    private void deliver(Object... payloads) {
        for (Object payload : payloads) {
            handle(GenericEventMessage.asEventMessage(payload), Segment.ROOT_SEGMENT);
        }
    }

    private void handle(EventMessage<?> event, Segment segment) {
        DefaultUnitOfWork.startAndGet(event).execute(() -> {
            try {
                manager.handle(event, segment);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static UnreadableRecord unreadable(String orderId, long offset) {
        return new UnreadableRecord("topic-a", 0, offset, "key", Instant.EPOCH, Map.of(),
                                    "{\"orderId\":".getBytes(StandardCharsets.UTF_8), "cut off", orderId);
    }
}
