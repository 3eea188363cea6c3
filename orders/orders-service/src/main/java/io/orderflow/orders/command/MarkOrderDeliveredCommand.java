package io.orderflow.orders.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The completed order's shipment reached the customer.
 *
 * @param orderId the order
 */
public record MarkOrderDeliveredCommand(@TargetAggregateIdentifier String orderId) {
}
