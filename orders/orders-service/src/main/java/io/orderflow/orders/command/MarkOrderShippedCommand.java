package io.orderflow.orders.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The order's shipment was dispatched.
 *
 * @param orderId    the order
 * @param shipmentId the shipment that carries it
 */
public record MarkOrderShippedCommand(@TargetAggregateIdentifier String orderId, String shipmentId) {
}
