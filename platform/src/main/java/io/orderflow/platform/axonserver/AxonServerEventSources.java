package io.orderflow.platform.axonserver;

import org.axonframework.axonserver.connector.event.axon.AxonServerEventStoreFactory;
import org.axonframework.eventhandling.MultiStreamableMessageSource;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sources an event processor reads other bounded contexts' events from on Axon Server: each context's event
 * store, by service name. Where several services share one Axon Server context (always on Axon Server SE, where
 * everything is in {@code default}) they share one source, so a processor reading several of them still sees every
 * event once. The sources are never event stores themselves (see {@link ContextEventSource}), so they can be
 * declared as beans next to the event store.
 */
public class AxonServerEventSources {

    private final EventStore ownEventStore;
    private final String ownContext;
    private final AxonServerProperties properties;
    private final AxonServerEventStoreFactory factory;
    private final Map<String, StreamableMessageSource<TrackedEventMessage<?>>> byContext = new ConcurrentHashMap<>();

    public AxonServerEventSources(EventStore ownEventStore, String ownContext, AxonServerProperties properties,
                                  AxonServerEventStoreFactory factory) {
        this.ownEventStore = ownEventStore;
        this.ownContext = ownContext;
        this.properties = properties;
        this.factory = factory;
    }

    /**
     * @param service {@code orders}, {@code payments}, {@code fulfillment}
     * @return the events of the Axon Server context that holds the service's events (read through this service's
     * own event store where that is its own context)
     */
    public StreamableMessageSource<TrackedEventMessage<?>> of(String service) {
        return ofContext(properties.contextOf(service));
    }

    /**
     * The events of several services as one stream. Each distinct Axon Server context is read once; the source ids in
     * the processor's token are the context names, so renaming a context makes the processor read it from its start.
     *
     * @param services e.g. {@code orders, payments, fulfillment}
     * @return a single context's event store when they all share one, otherwise a {@link MultiStreamableMessageSource}
     */
    public StreamableMessageSource<TrackedEventMessage<?>> merged(String... services) {
        List<String> contexts = distinctContexts(services);
        if (contexts.size() == 1) {
            return ofContext(contexts.get(0));
        }
        MultiStreamableMessageSource.Builder builder = MultiStreamableMessageSource.builder();
        contexts.forEach(context -> builder.addMessageSource(context, ofContext(context)));
        if (contexts.contains(ownContext)) {
            builder.longPollingSource(ownContext);
        }
        return builder.build();
    }

    /** @return the distinct Axon Server contexts holding these services' events, in the order given */
    public List<String> distinctContexts(String... services) {
        if (services.length == 0) {
            throw new IllegalArgumentException("Name at least one service");
        }
        Set<String> contexts = new LinkedHashSet<>();
        Arrays.stream(services).map(properties::contextOf).forEach(contexts::add);
        return List.copyOf(contexts);
    }

    private StreamableMessageSource<TrackedEventMessage<?>> ofContext(String context) {
        return byContext.computeIfAbsent(context, name -> new ContextEventSource(
                name, name.equals(ownContext) ? ownEventStore : factory.constructFor(name)));
    }
}
