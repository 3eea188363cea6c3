package io.orderflow.fulfillment.api;

/**
 * A shipment will not be dispatched.
 *
 * @param shipmentId the shipment
 * @param orderId    the order
 */
public record ShipmentCancelledEvent(String shipmentId, String orderId) {
}
