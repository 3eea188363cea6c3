package io.orderflow.fulfillment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The carrier delivered a dispatched shipment.
 *
 * @param shipmentId the shipment
 */
public record MarkShipmentDeliveredCommand(@TargetAggregateIdentifier String shipmentId) {
}
