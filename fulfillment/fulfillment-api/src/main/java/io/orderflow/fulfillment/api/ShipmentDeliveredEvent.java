package io.orderflow.fulfillment.api;

/**
 * A shipment reached the customer.
 *
 * @param shipmentId the shipment
 * @param orderId    the order
 */
public record ShipmentDeliveredEvent(String shipmentId, String orderId) {
}
