package io.orderflow.orders.api;

/**
 * The order's shipment was dispatched; it can no longer be cancelled.
 *
 * @param orderId    the order
 * @param shipmentId the shipment that carries it
 */
public record OrderShippedEvent(String orderId, String shipmentId) {
}
