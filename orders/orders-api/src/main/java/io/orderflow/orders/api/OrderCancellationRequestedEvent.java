package io.orderflow.orders.api;

/**
 * The customer asked to cancel an order that was not yet shipped. The order transaction compensates what it
 * did and ends with {@link OrderCancelledEvent}, unless the shipment was dispatched in the meantime.
 *
 * @param orderId the order
 */
public record OrderCancellationRequestedEvent(String orderId) {
}
