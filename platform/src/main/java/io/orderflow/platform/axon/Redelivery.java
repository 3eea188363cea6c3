package io.orderflow.platform.axon;

import io.orderflow.platform.kafka.UnreadableRecord;
import io.orderflow.platform.kafka.UnreadableRecordException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Function;

/**
 * Hands a dead letter's event to its handlers again, in a unit of work and transaction of its own; an
 * {@link UnreadableRecord} is read again first and stays parked while it still cannot be read. The decision tells the
 * dead-letter queue to evict the letter (handled) or keep it with the new cause.
 */
public final class Redelivery {

    /** What handles the event: a processing group's handlers, a saga manager. */
    @FunctionalInterface
    public interface Handlers {
        void handle(EventMessage<?> event) throws Exception;
    }

    private Redelivery() {
    }

    public static EnqueueDecision<EventMessage<?>> redeliver(EventMessage<?> parked,
                                                             Function<UnreadableRecord, EventMessage<?>> reread,
                                                             TransactionManager transactionManager,
                                                             Handlers handlers) {
        EventMessage<?> event = parked.getPayload() instanceof UnreadableRecord record ? reread.apply(record) : parked;
        if (event.getPayload() instanceof UnreadableRecord still) {
            return Decisions.requeue(new UnreadableRecordException(still));
        }
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<Object> result = unitOfWork.executeWithResult(() -> {
            handlers.handle(event);
            return null;
        });
        return result.isExceptional() ? Decisions.requeue(result.exceptionResult()) : Decisions.evict();
    }
}
