package io.orderflow.reporting;

import io.orderflow.fulfillment.api.ShipmentDispatchedEvent;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import io.orderflow.fulfillment.api.StockAllocatedEvent;
import io.orderflow.fulfillment.api.StockLine;
import io.orderflow.fulfillment.api.StockReleasedEvent;
import io.orderflow.fulfillment.api.StockReservedEvent;
import io.orderflow.fulfillment.api.StockShippedEvent;
import io.orderflow.orders.api.OrderCompletedEvent;
import io.orderflow.orders.api.OrderConfirmedEvent;
import io.orderflow.orders.api.OrderLine;
import io.orderflow.orders.api.OrderPlacedEvent;
import io.orderflow.orders.api.OrderReason;
import io.orderflow.orders.api.OrderRejectedEvent;
import io.orderflow.orders.api.OrderShippedEvent;
import io.orderflow.payments.api.AccountOpenedEvent;
import io.orderflow.payments.api.DeclineReason;
import io.orderflow.payments.api.PaymentAuthorizedEvent;
import io.orderflow.payments.api.PaymentCapturedEvent;
import io.orderflow.payments.api.PaymentDeclinedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.reporting.config.EventSourcesConfiguration.FULFILLMENT_TOPIC;
import static io.orderflow.reporting.config.EventSourcesConfiguration.ORDERS_TOPIC;
import static io.orderflow.reporting.config.EventSourcesConfiguration.PAYMENTS_TOPIC;

/**
 * The events the other contexts publish about one order, as their event stores would: domain events keyed by
 * aggregate id, numbered per aggregate, one second apart from a fixed start so two histories of the same shape give
 * the same overview but for their ids.
 */
final class OrderHistory {

    static final Instant START = Instant.parse("2025-03-01T09:00:00Z");
    static final BigDecimal TOTAL = new BigDecimal("120.50");
    static final String SKU = "sku-reporting-it";

    /** One record for a topic. */
    record Published(String topic, GenericDomainEventMessage<?> message) {
    }

    final String key;
    final String orderId;
    final String customerId;
    final String shipmentId;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<Published> events = new ArrayList<>();
    private int second;

    private OrderHistory() {
        key = UUID.randomUUID().toString();
        orderId = "o-" + key;
        customerId = "c-" + key;
        shipmentId = "s-" + key;
    }

    /** Placed, reserved, authorized, confirmed, prepared, dispatched, captured, shipped, completed. */
    static OrderHistory completed() {
        OrderHistory history = new OrderHistory();
        List<StockLine> stock = List.of(new StockLine(SKU, 2));
        history.payments(new AccountOpenedEvent(history.customerId, new BigDecimal("1000.00")))
               .orders(new OrderPlacedEvent(history.orderId, history.customerId,
                                            List.of(new OrderLine(SKU, 2, new BigDecimal("60.25"))), TOTAL))
               .stockItem(new StockAllocatedEvent(SKU, history.orderId, 2))
               .reservation(new StockReservedEvent(history.orderId, stock))
               .payments(new PaymentAuthorizedEvent(history.customerId, history.orderId, TOTAL))
               .orders(new OrderConfirmedEvent(history.orderId))
               .shipment(new ShipmentPreparedEvent(history.shipmentId, history.orderId, stock))
               .shipment(new ShipmentDispatchedEvent(history.shipmentId, history.orderId, stock))
               .stockItem(new StockShippedEvent(SKU, history.orderId, 2))
               .payments(new PaymentCapturedEvent(history.customerId, history.orderId, TOTAL))
               .orders(new OrderShippedEvent(history.orderId, history.shipmentId))
               .orders(new OrderCompletedEvent(history.orderId, TOTAL));
        return history;
    }

    /** Placed, reserved, declined; the reservation released and the order rejected. */
    static OrderHistory rejectedForPayment() {
        OrderHistory history = new OrderHistory();
        List<StockLine> stock = List.of(new StockLine(SKU, 1));
        history.orders(new OrderPlacedEvent(history.orderId, history.customerId,
                                            List.of(new OrderLine(SKU, 1, TOTAL)), TOTAL))
               .reservation(new StockReservedEvent(history.orderId, stock))
               .payments(new PaymentDeclinedEvent(history.customerId, history.orderId, TOTAL,
                                                  DeclineReason.INSUFFICIENT_CREDIT))
               .reservation(new StockReleasedEvent(history.orderId, stock))
               .orders(new OrderRejectedEvent(history.orderId, OrderReason.PAYMENT_DECLINED));
        return history;
    }

    List<Published> events() {
        return List.copyOf(events);
    }

    List<Published> on(String... topics) {
        List<String> wanted = List.of(topics);
        return events.stream().filter(published -> wanted.contains(published.topic())).toList();
    }

    private OrderHistory orders(Object payload) {
        return append(ORDERS_TOPIC, "Order", orderId, payload);
    }

    private OrderHistory payments(Object payload) {
        return append(PAYMENTS_TOPIC, "CustomerAccount", customerId, payload);
    }

    private OrderHistory reservation(Object payload) {
        return append(FULFILLMENT_TOPIC, "StockReservation", orderId, payload);
    }

    private OrderHistory shipment(Object payload) {
        return append(FULFILLMENT_TOPIC, "Shipment", shipmentId, payload);
    }

    private OrderHistory stockItem(Object payload) {
        return append(FULFILLMENT_TOPIC, "StockItem", SKU, payload);
    }

    private OrderHistory append(String topic, String type, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        events.add(new Published(topic, new GenericDomainEventMessage<>(
                type, aggregateId, sequence, payload, MetaData.emptyInstance(), UUID.randomUUID().toString(),
                START.plusSeconds(second++))));
        return this;
    }
}
