package io.orderflow.reporting.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Domain event messages as the publishing contexts' event stores number them, handed to a projection directly. */
final class Events {

    private Events() {
    }

    static DomainEventMessage<?> event(String aggregateId, long sequence, Object payload, Instant at) {
        return new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence, payload, MetaData.emptyInstance(),
                                               UUID.randomUUID().toString(), at);
    }

    /** Calls the projection's handler for the message's payload, as its processor would. */
    static void apply(OrderFactsProjection projection, DomainEventMessage<?> message) {
        try {
            Method handler = OrderFactsProjection.class.getDeclaredMethod("on", message.getPayloadType(),
                                                                          EventMessage.class);
            handler.setAccessible(true);
            handler.invoke(projection, message.getPayload(), message);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("No handler for " + message.getPayloadType(), e);
        }
    }

    static void applyAll(OrderFactsProjection projection, List<DomainEventMessage<?>> messages) {
        messages.forEach(message -> apply(projection, message));
    }
}
