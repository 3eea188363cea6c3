package io.orderflow.fulfillment.command;

/**
 * An order's reserved goods left with its shipment, so the reservation can no longer be released. Internal to
 * fulfillment: other contexts learn of it from {@code ShipmentDispatchedEvent}.
 *
 * @param orderId    the order
 * @param shipmentId the shipment that took the goods
 */
public record ReservationShippedEvent(String orderId, String shipmentId) {
}
