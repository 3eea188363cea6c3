package io.orderflow.orders.api;

/**
 * The order was cancelled and every reservation, authorization and shipment undone. Terminal.
 *
 * @param orderId the order
 * @param reason  {@link OrderReason#CANCELLED_BY_CUSTOMER} or {@link OrderReason#TIMEOUT}
 */
public record OrderCancelledEvent(String orderId, OrderReason reason) {
}
