package io.orderflow.fulfillment.web;

import io.orderflow.fulfillment.api.ShipmentStatus;

/** Where a shipment stands after a request changed it. */
public record ShipmentState(String shipmentId, ShipmentStatus status) {
}
