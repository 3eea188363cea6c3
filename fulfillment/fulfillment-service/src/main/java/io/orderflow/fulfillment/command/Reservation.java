package io.orderflow.fulfillment.command;

import io.orderflow.fulfillment.api.ReservationFailureReason;
import io.orderflow.fulfillment.api.StockLine;
import io.orderflow.fulfillment.api.StockReleasedEvent;
import io.orderflow.fulfillment.api.StockReservationFailedEvent;
import io.orderflow.fulfillment.api.StockReservedEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An order's claim on stock: all of its lines or none. It comes into being with the first reservation or release
 * for the order, so a release that overtakes its reservation leaves a RELEASED tombstone and the late reservation
 * changes nothing. {@link StockCommandHandler} and {@link DispatchCommandHandler} change it together with the
 * stock items concerned.
 */
@Aggregate
public class Reservation {

    @AggregateIdentifier
    private String id;
    private String orderId;
    private ReservationStatus status;
    private List<StockLine> lines = List.of();

    protected Reservation() {
    }

    /** @return where the reservation stands, {@code null} if the order has none yet */
    ReservationStatus status() {
        return status;
    }

    List<StockLine> lines() {
        return lines;
    }

    void reserve(String orderId, List<StockLine> lines) {
        requireNew();
        apply(new StockReservedEvent(orderId, lines));
    }

    void fail(String orderId, ReservationFailureReason reason, String sku) {
        requireNew();
        apply(new StockReservationFailedEvent(orderId, reason, sku));
    }

    void releaseBeforeReserved(String orderId) {
        requireNew();
        apply(new StockReleasedEvent(orderId, List.of()));
    }

    void release() {
        require(ReservationStatus.RESERVED);
        apply(new StockReleasedEvent(orderId, lines));
    }

    void ship(String shipmentId) {
        require(ReservationStatus.RESERVED);
        apply(new ReservationShippedEvent(orderId, shipmentId));
    }

    @EventSourcingHandler
    void on(StockReservedEvent event) {
        begin(event.orderId(), ReservationStatus.RESERVED);
        lines = List.copyOf(event.lines());
    }

    @EventSourcingHandler
    void on(StockReservationFailedEvent event) {
        begin(event.orderId(), ReservationStatus.FAILED);
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event) {
        begin(event.orderId(), ReservationStatus.RELEASED);
    }

    @EventSourcingHandler
    void on(ReservationShippedEvent event) {
        status = ReservationStatus.SHIPPED;
    }

    private void begin(String orderId, ReservationStatus newStatus) {
        this.id = StreamIds.reservation(orderId);
        this.orderId = orderId;
        this.status = newStatus;
    }

    private void requireNew() {
        if (status != null) {
            throw new IllegalStateException("Order " + orderId + " has a reservation already (" + status + ")");
        }
    }

    private void require(ReservationStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("The reservation of order " + orderId + " is " + status + ", not "
                                                    + expected);
        }
    }
}
