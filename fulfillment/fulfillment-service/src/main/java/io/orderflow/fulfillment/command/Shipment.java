package io.orderflow.fulfillment.command;

import io.orderflow.fulfillment.api.FulfillmentErrorCode;
import io.orderflow.fulfillment.api.ShipmentCancelledEvent;
import io.orderflow.fulfillment.api.ShipmentDeliveredEvent;
import io.orderflow.fulfillment.api.ShipmentDispatchedEvent;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.api.StockLine;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A shipment of an order's goods, from preparation to delivery. A cancellation may arrive before the preparation
 * it undoes: it leaves a CANCELLED tombstone, and the late preparation changes nothing. Driven by
 * {@link ShipmentCommandHandler}, and by {@link DispatchCommandHandler} because its goods leave the stock with it.
 */
@Aggregate
public class Shipment {

    @AggregateIdentifier
    private String id;
    private String shipmentId;
    private String orderId;
    private ShipmentStatus status;
    private List<StockLine> lines = List.of();

    protected Shipment() {
    }

    /** @return where the shipment stands, {@code null} if it was neither prepared nor cancelled yet */
    ShipmentStatus status() {
        return status;
    }

    String orderId() {
        return orderId;
    }

    List<StockLine> lines() {
        return lines;
    }

    void prepare(String shipmentId, String orderId, List<StockLine> lines) {
        if (status == null) {
            apply(new ShipmentPreparedEvent(shipmentId, orderId, lines));
        }
    }

    void cancel(String shipmentId, String orderId) {
        if (status == null) {
            apply(new ShipmentCancelledEvent(shipmentId, orderId));
            return;
        }
        switch (status) {
            case PREPARED -> apply(new ShipmentCancelledEvent(this.shipmentId, this.orderId));
            case CANCELLED -> {
            }
            case DISPATCHED, DELIVERED -> throw new CommandExecutionException(
                    "Shipment " + this.shipmentId + " is " + status + " and can no longer be cancelled", null,
                    FulfillmentErrorCode.SHIPMENT_ALREADY_DISPATCHED);
        }
    }

    /**
     * @return whether the shipment waits for dispatch; {@code false} if it has left already
     * @throws CommandExecutionException if it was cancelled
     */
    boolean awaitsDispatch() {
        return switch (status) {
            case PREPARED -> true;
            case DISPATCHED, DELIVERED -> false;
            case CANCELLED -> throw conflict("dispatched");
        };
    }

    void dispatch() {
        if (status != ShipmentStatus.PREPARED) {
            throw conflict("dispatched");
        }
        apply(new ShipmentDispatchedEvent(shipmentId, orderId, lines));
    }

    void markDelivered() {
        switch (status) {
            case DISPATCHED -> apply(new ShipmentDeliveredEvent(shipmentId, orderId));
            case DELIVERED -> {
            }
            case PREPARED, CANCELLED -> throw conflict("delivered");
        }
    }

    CommandExecutionException conflict(String operation) {
        return new CommandExecutionException("Shipment " + shipmentId + " is " + status + " and cannot be "
                                                     + operation, null, FulfillmentErrorCode.SHIPMENT_STATE_CONFLICT);
    }

    @EventSourcingHandler
    void on(ShipmentPreparedEvent event) {
        begin(event.shipmentId(), event.orderId(), ShipmentStatus.PREPARED);
        lines = List.copyOf(event.lines());
    }

    @EventSourcingHandler
    void on(ShipmentCancelledEvent event) {
        begin(event.shipmentId(), event.orderId(), ShipmentStatus.CANCELLED);
    }

    @EventSourcingHandler
    void on(ShipmentDispatchedEvent event) {
        status = ShipmentStatus.DISPATCHED;
    }

    @EventSourcingHandler
    void on(ShipmentDeliveredEvent event) {
        status = ShipmentStatus.DELIVERED;
    }

    private void begin(String shipmentId, String orderId, ShipmentStatus newStatus) {
        this.id = StreamIds.shipment(shipmentId);
        this.shipmentId = shipmentId;
        this.orderId = orderId;
        this.status = newStatus;
    }
}
