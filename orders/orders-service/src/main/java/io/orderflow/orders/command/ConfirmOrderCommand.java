package io.orderflow.orders.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stock is reserved and payment authorized: confirm the order.
 *
 * @param orderId the order
 */
public record ConfirmOrderCommand(@TargetAggregateIdentifier String orderId) {
}
