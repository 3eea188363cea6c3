package io.orderflow.reporting.query;

import io.orderflow.fulfillment.api.ShipmentCancelledEvent;
import io.orderflow.fulfillment.api.ShipmentDeliveredEvent;
import io.orderflow.fulfillment.api.ShipmentDispatchedEvent;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.api.StockReleasedEvent;
import io.orderflow.fulfillment.api.StockReservationFailedEvent;
import io.orderflow.fulfillment.api.StockReservedEvent;
import io.orderflow.orders.api.OrderCancellationRequestedEvent;
import io.orderflow.orders.api.OrderCancelledEvent;
import io.orderflow.orders.api.OrderCompletedEvent;
import io.orderflow.orders.api.OrderConfirmedEvent;
import io.orderflow.orders.api.OrderDeliveredEvent;
import io.orderflow.orders.api.OrderPlacedEvent;
import io.orderflow.orders.api.OrderReason;
import io.orderflow.orders.api.OrderRejectedEvent;
import io.orderflow.orders.api.OrderShippedEvent;
import io.orderflow.orders.api.OrderStatus;
import io.orderflow.payments.api.PaymentAuthorizedEvent;
import io.orderflow.payments.api.PaymentCapturedEvent;
import io.orderflow.payments.api.PaymentDeclinedEvent;
import io.orderflow.payments.api.PaymentRefundedEvent;
import io.orderflow.payments.api.PaymentStatus;
import io.orderflow.payments.api.PaymentVoidedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The order facts of one {@link FactsCopy}, joined from the orders, payments and fulfillment topics: the overview row
 * of each order, its timeline, its lines and the amounts captured and refunded for it. Every report is a query over
 * these facts.
 * <p>
 * Kafka keeps the order of one aggregate's events only, and an order's events come from several aggregates (the
 * order, the customer's account, the stock reservation, the shipment) on three topics; any event may also come
 * again, early or late. So every write is one that the same event, handled again at any later point, repeats
 * without effect:
 * <ul>
 *     <li>the columns of each topic are set only by an event with a higher sequence number (within its aggregate)
 *     than the one that last set them, which is kept beside them. Events without one (not domain events) simply
 *     overwrite;</li>
 *     <li>what never changes (customer, total, when it was placed) is filled in by whichever event knows it;</li>
 *     <li>the timeline keeps each step once, an order's lines are inserted once, amounts captured or refunded are
 *     facts that the same event sets to the same value, {@code updated_at} only ever moves forward.</li>
 * </ul>
 */
public class OrderFactsProjection {

    /** The orders API has no status for it: delivery is recorded after the order completed. */
    static final String DELIVERED = "DELIVERED";

    private static final Logger log = LoggerFactory.getLogger(OrderFactsProjection.class);

    private final JdbcClient jdbc;
    private final FactsCopy copy;

    public OrderFactsProjection(JdbcClient jdbc, FactsCopy copy) {
        this.jdbc = jdbc;
        this.copy = copy;
    }

    public FactsCopy copy() {
        return copy;
    }

    @EventHandler
    void on(OrderPlacedEvent event, EventMessage<?> message) {
        record(event.orderId(), TimelineStep.ORDER_PLACED, message);
        jdbc.sql(copy.sql("""
                          UPDATE facts.order_overview SET customer_id = ?, total = ?, currency = ?, placed_at = ?
                          WHERE order_id = ?
                          """))
            .params(event.customerId(), event.total(), event.currency(), utc(message), event.orderId())
            .update();
        event.lines().forEach(line -> jdbc.sql(copy.sql("""
                                                  INSERT INTO facts.order_line (order_id, sku, quantity, unit_price)
                                                  VALUES (?, ?, ?, ?) ON CONFLICT (order_id, sku) DO NOTHING
                                                  """))
                                          .params(event.orderId(), line.sku(), line.quantity(), line.unitPrice())
                                          .update());
        orderStatus(event.orderId(), OrderStatus.PLACED.name(), null, message);
    }

    @EventHandler
    void on(OrderConfirmedEvent event, EventMessage<?> message) {
        record(event.orderId(), TimelineStep.ORDER_CONFIRMED, message);
        orderStatus(event.orderId(), OrderStatus.CONFIRMED.name(), null, message);
    }

    @EventHandler
    void on(OrderShippedEvent event, EventMessage<?> message) {
        record(event.orderId(), TimelineStep.ORDER_SHIPPED, message);
        jdbc.sql(copy.sql("UPDATE facts.order_overview SET shipment_id = COALESCE(shipment_id, ?) WHERE order_id = ?"))
            .params(event.shipmentId(), event.orderId())
            .update();
        orderStatus(event.orderId(), OrderStatus.SHIPPED.name(), null, message);
    }

    @EventHandler
    void on(OrderCompletedEvent event, EventMessage<?> message) {
        record(event.orderId(), TimelineStep.ORDER_COMPLETED, message);
        orderStatus(event.orderId(), OrderStatus.COMPLETED.name(), null, message);
        ended(event.orderId(), OrderStatus.COMPLETED, null, message);
    }

    @EventHandler
    void on(OrderRejectedEvent event, EventMessage<?> message) {
        record(event.orderId(), TimelineStep.ORDER_REJECTED, message);
        orderStatus(event.orderId(), OrderStatus.REJECTED.name(), event.reason(), message);
        ended(event.orderId(), OrderStatus.REJECTED, event.reason(), message);
    }

    @EventHandler
    void on(OrderCancellationRequestedEvent event, EventMessage<?> message) {
        record(event.orderId(), TimelineStep.ORDER_CANCELLATION_REQUESTED, message);
    }

    @EventHandler
    void on(OrderCancelledEvent event, EventMessage<?> message) {
        record(event.orderId(), TimelineStep.ORDER_CANCELLED, message);
        orderStatus(event.orderId(), OrderStatus.CANCELLED.name(), event.reason(), message);
        ended(event.orderId(), OrderStatus.CANCELLED, event.reason(), message);
    }

    @EventHandler
    void on(OrderDeliveredEvent event, EventMessage<?> message) {
        record(event.orderId(), TimelineStep.ORDER_DELIVERED, message);
        orderStatus(event.orderId(), DELIVERED, null, message);
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event, EventMessage<?> message) {
        payment(event.orderId(), event.customerId(), PaymentStatus.AUTHORIZED, TimelineStep.PAYMENT_AUTHORIZED,
                message);
    }

    @EventHandler
    void on(PaymentDeclinedEvent event, EventMessage<?> message) {
        payment(event.orderId(), event.customerId(), PaymentStatus.DECLINED, TimelineStep.PAYMENT_DECLINED, message);
    }

    @EventHandler
    void on(PaymentCapturedEvent event, EventMessage<?> message) {
        payment(event.orderId(), event.customerId(), PaymentStatus.CAPTURED, TimelineStep.PAYMENT_CAPTURED, message);
        amount("captured_amount", event.orderId(), event.amount());
    }

    @EventHandler
    void on(PaymentVoidedEvent event, EventMessage<?> message) {
        payment(event.orderId(), event.customerId(), PaymentStatus.VOIDED, TimelineStep.PAYMENT_VOIDED, message);
    }

    @EventHandler
    void on(PaymentRefundedEvent event, EventMessage<?> message) {
        payment(event.orderId(), event.customerId(), PaymentStatus.REFUNDED, TimelineStep.PAYMENT_REFUNDED, message);
        amount("refunded_amount", event.orderId(), event.amount());
    }

    @EventHandler
    void on(StockReservedEvent event, EventMessage<?> message) {
        stock(event.orderId(), StockStatus.RESERVED, TimelineStep.STOCK_RESERVED, message);
    }

    @EventHandler
    void on(StockReservationFailedEvent event, EventMessage<?> message) {
        stock(event.orderId(), StockStatus.FAILED, TimelineStep.STOCK_RESERVATION_FAILED, message);
    }

    @EventHandler
    void on(StockReleasedEvent event, EventMessage<?> message) {
        stock(event.orderId(), StockStatus.RELEASED, TimelineStep.STOCK_RELEASED, message);
    }

    @EventHandler
    void on(ShipmentPreparedEvent event, EventMessage<?> message) {
        shipment(event.orderId(), event.shipmentId(), ShipmentStatus.PREPARED, TimelineStep.SHIPMENT_PREPARED,
                 message);
    }

    @EventHandler
    void on(ShipmentDispatchedEvent event, EventMessage<?> message) {
        shipment(event.orderId(), event.shipmentId(), ShipmentStatus.DISPATCHED, TimelineStep.SHIPMENT_DISPATCHED,
                 message);
    }

    @EventHandler
    void on(ShipmentDeliveredEvent event, EventMessage<?> message) {
        shipment(event.orderId(), event.shipmentId(), ShipmentStatus.DELIVERED, TimelineStep.SHIPMENT_DELIVERED,
                 message);
    }

    @EventHandler
    void on(ShipmentCancelledEvent event, EventMessage<?> message) {
        shipment(event.orderId(), event.shipmentId(), ShipmentStatus.CANCELLED, TimelineStep.SHIPMENT_CANCELLED,
                 message);
    }

    @ResetHandler
    void reset() {
        jdbc.sql(copy.sql("TRUNCATE facts.order_timeline, facts.order_line, facts.order_overview")).update();
    }

    /** Makes sure the order's row exists, moves its {@code updated_at} forward and adds the step. */
    private void record(String orderId, TimelineStep step, EventMessage<?> message) {
        jdbc.sql(copy.sql("""
                 INSERT INTO facts.order_overview AS o (order_id, updated_at) VALUES (?, ?)
                 ON CONFLICT (order_id) DO UPDATE
                 SET updated_at = GREATEST(o.updated_at, excluded.updated_at)
                 """))
            .params(orderId, utc(message))
            .update();
        jdbc.sql(copy.sql("""
                 INSERT INTO facts.order_timeline (order_id, step, occurred_at) VALUES (?, ?, ?)
                 ON CONFLICT (order_id, step) DO NOTHING
                 """))
            .params(orderId, step.name(), utc(message))
            .update();
    }

    /** One line per order that ends, in the order's trace; not for events a rebuild replays. */
    private void ended(String orderId, OrderStatus status, OrderReason reason, EventMessage<?> message) {
        if (!ReplayToken.isReplay(message)) {
            log.info("Order {} ended {}{} (copy {})", orderId, status, reason == null ? "" : "/" + reason, copy.id());
        }
    }

    private void orderStatus(String orderId, String status, OrderReason reason, EventMessage<?> message) {
        jdbc.sql(copy.sql("""
                 UPDATE facts.order_overview SET order_status = :status, reason = :reason, orders_seq = :seq
                 WHERE order_id = :orderId
                   AND (orders_seq IS NULL OR CAST(:seq AS BIGINT) IS NULL OR orders_seq < :seq)
                 """))
            .param("orderId", orderId)
            .param("status", status)
            .param("reason", reason == null ? null : reason.name())
            .param("seq", sequence(message))
            .update();
    }

    private void payment(String orderId, String customerId, PaymentStatus status, TimelineStep step,
                         EventMessage<?> message) {
        record(orderId, step, message);
        jdbc.sql(copy.sql("""
                 UPDATE facts.order_overview SET customer_id = COALESCE(customer_id, :customerId)
                 WHERE order_id = :orderId
                 """))
            .param("orderId", orderId)
            .param("customerId", customerId)
            .update();
        jdbc.sql(copy.sql("""
                 UPDATE facts.order_overview SET payment_status = :status, payment_seq = :seq
                 WHERE order_id = :orderId
                   AND (payment_seq IS NULL OR CAST(:seq AS BIGINT) IS NULL OR payment_seq < :seq)
                 """))
            .param("orderId", orderId)
            .param("status", status.name())
            .param("seq", sequence(message))
            .update();
    }

    private void stock(String orderId, StockStatus status, TimelineStep step, EventMessage<?> message) {
        record(orderId, step, message);
        jdbc.sql(copy.sql("""
                 UPDATE facts.order_overview SET stock_status = :status, stock_seq = :seq
                 WHERE order_id = :orderId
                   AND (stock_seq IS NULL OR CAST(:seq AS BIGINT) IS NULL OR stock_seq < :seq)
                 """))
            .param("orderId", orderId)
            .param("status", status.name())
            .param("seq", sequence(message))
            .update();
    }

    private void shipment(String orderId, String shipmentId, ShipmentStatus status, TimelineStep step,
                          EventMessage<?> message) {
        record(orderId, step, message);
        jdbc.sql(copy.sql("""
                 UPDATE facts.order_overview SET shipment_id = :shipmentId, shipment_status = :status, shipment_seq = :seq
                 WHERE order_id = :orderId
                   AND (shipment_seq IS NULL OR CAST(:seq AS BIGINT) IS NULL OR shipment_seq < :seq)
                 """))
            .param("orderId", orderId)
            .param("shipmentId", shipmentId)
            .param("status", status.name())
            .param("seq", sequence(message))
            .update();
    }

    /** The amount captured or refunded for an order: one payment per order, so the same event sets the same value. */
    private void amount(String column, String orderId, BigDecimal amount) {
        jdbc.sql(copy.sql("UPDATE facts.order_overview SET " + column + " = ? WHERE order_id = ?"))
            .params(amount, orderId)
            .update();
    }

    private static Long sequence(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> domainEvent ? domainEvent.getSequenceNumber() : null;
    }

    private static OffsetDateTime utc(EventMessage<?> message) {
        return message.getTimestamp().atOffset(ZoneOffset.UTC);
    }
}
