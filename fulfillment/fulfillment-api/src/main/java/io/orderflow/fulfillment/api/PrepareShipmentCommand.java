package io.orderflow.fulfillment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Prepare the shipment of an order's reserved goods. A second request for the same shipment changes nothing;
 * a shipment that was cancelled first is not prepared.
 *
 * @param shipmentId the shipment, chosen by the sender
 * @param orderId    the order it carries
 * @param lines      the goods
 */
public record PrepareShipmentCommand(@TargetAggregateIdentifier String shipmentId, String orderId,
                                     List<StockLine> lines) {
}
