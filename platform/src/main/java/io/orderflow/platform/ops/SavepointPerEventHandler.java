package io.orderflow.platform.ops;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.annotation.Nonnull;

/**
 * Runs every event handler inside a savepoint of the processor's transaction. A handler whose SQL fails (a
 * constraint, a trigger) leaves PostgreSQL's transaction aborted; without the savepoint the dead-letter queue could
 * not even park the event in that transaction, and the processor would retry it forever. With it, only the failed
 * handler's writes are undone and the event is dead-lettered like any other failure.
 */
public class SavepointPerEventHandler implements HandlerEnhancerDefinition {

    private final PlatformTransactionManager transactionManager;

    public SavepointPerEventHandler(PlatformTransactionManager transactionManager) {
        this.transactionManager = transactionManager;
    }

    @Override
    public @Nonnull <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)
                || original.hasAnnotation(EventSourcingHandler.class)) {
            return original;
        }
        TransactionTemplate nested = new TransactionTemplate(transactionManager);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(@Nonnull Message<?> message, T target) throws Exception {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                try {
                    return nested.execute(status -> {
                        try {
                            return super.handle(message, target);
                        } catch (Exception e) {
                            throw new HandlerFailure(e);
                        }
                    });
                } catch (HandlerFailure failure) {
                    throw failure.exception;
                }
            }
        };
    }

    private static final class HandlerFailure extends RuntimeException {
        private final Exception exception;

        HandlerFailure(Exception exception) {
            super(exception);
            this.exception = exception;
        }
    }
}
