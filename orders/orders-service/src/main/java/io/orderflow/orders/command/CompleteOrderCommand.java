package io.orderflow.orders.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The shipped order's payment was captured: complete it.
 *
 * @param orderId the order
 */
public record CompleteOrderCommand(@TargetAggregateIdentifier String orderId) {
}
