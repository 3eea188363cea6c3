package io.orderflow.fulfillment.api;

/** Where a shipment stands. */
public enum ShipmentStatus {
    PREPARED, DISPATCHED, DELIVERED, CANCELLED
}
