package io.orderflow.fulfillment.command;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import io.orderflow.platform.axon.AllowedTypesJacksonSerializer;
import org.axonframework.serialization.AnnotationRevisionResolver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fixture for the handlers that change several aggregates in one unit of work, which Axon's aggregate fixture
 * cannot hold: the three aggregates and the real handlers on an in-memory event store. Given events go straight
 * into the aggregates' streams; {@link #when} answers the events the command published, in order.
 */
final class FulfillmentCommands implements AutoCloseable {

    private final Configuration axon;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<Object> published = new CopyOnWriteArrayList<>();
    private Object lastResult;

    FulfillmentCommands() {
        // false: no configurer modules from the class path (the Axon Server connector would take over the buses)
        axon = DefaultConfigurer.defaultConfiguration(false)
                                .configureSerializer(c -> AllowedTypesJacksonSerializer.create(
                    new AnnotationRevisionResolver(), AllowedTypesJacksonSerializer.class.getClassLoader()))
                                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                                .configureAggregate(StockItem.class)
                                .configureAggregate(Reservation.class)
                                .configureAggregate(Shipment.class)
                                .registerCommandHandler(c -> new StockCommandHandler(c.repository(StockItem.class),
                                                                                     c.repository(Reservation.class)))
                                .registerCommandHandler(c -> new ShipmentCommandHandler(c.repository(Shipment.class)))
                                .registerCommandHandler(c -> new DispatchCommandHandler(c.repository(Shipment.class),
                                                                                        c.repository(Reservation.class),
                                                                                        c.repository(StockItem.class)))
                                .buildConfiguration();
        axon.start();
        axon.eventStore().subscribe(events -> events.forEach(event -> published.add(event.getPayload())));
    }

    FulfillmentCommands givenStock(String sku, Object... events) {
        return given("StockItem", sku, events);
    }

    FulfillmentCommands givenReservation(String orderId, Object... events) {
        return given("Reservation", StreamIds.reservation(orderId), events);
    }

    FulfillmentCommands givenShipment(String shipmentId, Object... events) {
        return given("Shipment", StreamIds.shipment(shipmentId), events);
    }

    /** @return the events the command published, in the order they were applied */
    List<Object> when(Object command) {
        published.clear();
        lastResult = axon.commandGateway().sendAndWait(command);
        return List.copyOf(published);
    }

    Object lastResult() {
        return lastResult;
    }

    private FulfillmentCommands given(String type, String streamId, Object... events) {
        for (Object event : events) {
            long sequence = nextSequence.merge(streamId, 1L, Long::sum) - 1;
            axon.eventStore().publish(new GenericDomainEventMessage<>(type, streamId, sequence, event));
        }
        return this;
    }

    @Override
    public void close() {
        axon.shutdown();
    }
}
