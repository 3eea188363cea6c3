package io.orderflow.fulfillment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Hand a prepared shipment to the carrier; its goods leave the stock.
 *
 * @param shipmentId the shipment
 */
public record DispatchShipmentCommand(@TargetAggregateIdentifier String shipmentId) {
}
