package io.orderflow.orders.api;

/**
 * The shipment of a completed order reached the customer. Recorded after the order transaction ended.
 *
 * @param orderId the order
 */
public record OrderDeliveredEvent(String orderId) {
}
