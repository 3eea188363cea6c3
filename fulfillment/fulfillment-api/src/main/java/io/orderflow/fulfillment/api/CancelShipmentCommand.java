package io.orderflow.fulfillment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cancel a shipment that was not dispatched, also one not yet prepared (it will then never be). Answered by
 * {@link ShipmentCancelledEvent}; refused once dispatched.
 *
 * @param shipmentId the shipment
 * @param orderId    the order it was for
 */
public record CancelShipmentCommand(@TargetAggregateIdentifier String shipmentId, String orderId) {
}
