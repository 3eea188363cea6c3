package io.orderflow.orders.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The customer asks to cancel an order; refused once it shipped or ended.
 *
 * @param orderId the order
 */
public record RequestOrderCancellationCommand(@TargetAggregateIdentifier String orderId) {
}
