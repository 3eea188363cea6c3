package io.orderflow.reporting.query;

import io.orderflow.fulfillment.api.ReservationFailureReason;
import io.orderflow.fulfillment.api.ShipmentDeliveredEvent;
import io.orderflow.fulfillment.api.ShipmentDispatchedEvent;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import io.orderflow.fulfillment.api.StockLine;
import io.orderflow.fulfillment.api.StockReleasedEvent;
import io.orderflow.fulfillment.api.StockReservationFailedEvent;
import io.orderflow.fulfillment.api.StockReservedEvent;
import io.orderflow.orders.api.OrderCancellationRequestedEvent;
import io.orderflow.orders.api.OrderCancelledEvent;
import io.orderflow.orders.api.OrderCompletedEvent;
import io.orderflow.orders.api.OrderConfirmedEvent;
import io.orderflow.orders.api.OrderDeliveredEvent;
import io.orderflow.orders.api.OrderLine;
import io.orderflow.orders.api.OrderPlacedEvent;
import io.orderflow.orders.api.OrderReason;
import io.orderflow.orders.api.OrderRejectedEvent;
import io.orderflow.orders.api.OrderShippedEvent;
import io.orderflow.payments.api.DeclineReason;
import io.orderflow.payments.api.PaymentAuthorizedEvent;
import io.orderflow.payments.api.PaymentCapturedEvent;
import io.orderflow.payments.api.PaymentDeclinedEvent;
import io.orderflow.payments.api.PaymentRefundedEvent;
import io.orderflow.payments.api.PaymentVoidedEvent;
import io.orderflow.fulfillment.api.ShipmentCancelledEvent;
import org.axonframework.eventhandling.DomainEventMessage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events the three contexts publish about one order, each at a given time after the order was placed, numbered
 * per aggregate (order, customer account, stock reservation, shipment) as their event stores would.
 */
final class OrderStory {

    final String orderId;
    final String customerId;
    final String shipmentId;
    final Instant placedAt;
    final List<OrderLine> lines;
    final BigDecimal total;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<DomainEventMessage<?>> events = new ArrayList<>();

    private OrderStory(String orderId, String customerId, Instant placedAt, List<OrderLine> lines) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.shipmentId = "s-" + orderId;
        this.placedAt = placedAt;
        this.lines = List.copyOf(lines);
        this.total = lines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        order(new OrderPlacedEvent(orderId, customerId, this.lines, total), Duration.ZERO);
    }

    static OrderStory placed(String orderId, String customerId, Instant at, OrderLine... lines) {
        return new OrderStory(orderId, customerId, at, List.of(lines));
    }

    static OrderLine line(String sku, int quantity, String unitPrice) {
        return new OrderLine(sku, quantity, new BigDecimal(unitPrice));
    }

    /** Reserved, authorized, confirmed, prepared, dispatched after {@code dispatched}, captured, completed. */
    OrderStory completes(Duration dispatched, Duration completed) {
        return reserved(dispatched.dividedBy(4)).authorized(dispatched.dividedBy(2)).prepared(dispatched.dividedBy(2))
                .dispatched(dispatched).captured(completed).shipped(completed).completed(completed);
    }

    OrderStory reserved(Duration after) {
        return reservation(new StockReservedEvent(orderId, stock()), after);
    }

    OrderStory outOfStock(Duration after) {
        return reservation(new StockReservationFailedEvent(orderId, ReservationFailureReason.INSUFFICIENT_STOCK,
                                                           lines.get(0).sku()), after)
                .order(new OrderRejectedEvent(orderId, OrderReason.OUT_OF_STOCK), after);
    }

    OrderStory declined(Duration after) {
        return reserved(after).account(new PaymentDeclinedEvent(customerId, orderId, total,
                                                                DeclineReason.INSUFFICIENT_CREDIT), after)
                .reservation(new StockReleasedEvent(orderId, stock()), after)
                .order(new OrderRejectedEvent(orderId, OrderReason.PAYMENT_DECLINED), after);
    }

    OrderStory authorized(Duration after) {
        return account(new PaymentAuthorizedEvent(customerId, orderId, total), after)
                .order(new OrderConfirmedEvent(orderId), after);
    }

    OrderStory prepared(Duration after) {
        return shipment(new ShipmentPreparedEvent(shipmentId, orderId, stock()), after);
    }

    OrderStory dispatched(Duration after) {
        return shipment(new ShipmentDispatchedEvent(shipmentId, orderId, stock()), after);
    }

    OrderStory captured(Duration after) {
        return account(new PaymentCapturedEvent(customerId, orderId, total), after);
    }

    OrderStory shipped(Duration after) {
        return order(new OrderShippedEvent(orderId, shipmentId), after);
    }

    OrderStory completed(Duration after) {
        return order(new OrderCompletedEvent(orderId, total), after);
    }

    OrderStory delivered(Duration after) {
        return shipment(new ShipmentDeliveredEvent(shipmentId, orderId), after)
                .order(new OrderDeliveredEvent(orderId), after);
    }

    OrderStory refunded(Duration after) {
        return account(new PaymentRefundedEvent(customerId, orderId, total), after);
    }

    /** Cancelled after being confirmed and prepared: shipment cancelled, payment voided, stock released. */
    OrderStory cancelled(OrderReason reason, Duration after) {
        return reserved(after.dividedBy(3)).authorized(after.dividedBy(3)).prepared(after.dividedBy(2))
                .order(new OrderCancellationRequestedEvent(orderId), after.dividedBy(2))
                .shipment(new ShipmentCancelledEvent(shipmentId, orderId), after)
                .account(new PaymentVoidedEvent(customerId, orderId, total), after)
                .reservation(new StockReleasedEvent(orderId, stock()), after)
                .order(new OrderCancelledEvent(orderId, reason), after);
    }

    List<DomainEventMessage<?>> events() {
        return List.copyOf(events);
    }

    private List<StockLine> stock() {
        return lines.stream().map(line -> new StockLine(line.sku(), line.quantity())).toList();
    }

    private OrderStory order(Object payload, Duration after) {
        return append(orderId, payload, after);
    }

    private OrderStory account(Object payload, Duration after) {
        return append(customerId, payload, after);
    }

    private OrderStory reservation(Object payload, Duration after) {
        return append("reservation-" + orderId, payload, after);
    }

    private OrderStory shipment(Object payload, Duration after) {
        return append(shipmentId, payload, after);
    }

    private OrderStory append(String aggregateId, Object payload, Duration after) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        events.add(Events.event(aggregateId, sequence, payload, placedAt.plus(after)));
        return this;
    }
}
