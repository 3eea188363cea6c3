package io.orderflow.fulfillment;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Every event the service under test publishes, as its handlers see them; registered by the integration tests. */
@ProcessingGroup(RecordedEvents.PROCESSING_GROUP)
class RecordedEvents {

    static final String PROCESSING_GROUP = "test-recorder";

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventHandler
    void on(Object event) {
        events.add(event);
    }

    <T> List<T> of(Class<T> type, Predicate<? super T> filter) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(filter).toList();
    }
}
