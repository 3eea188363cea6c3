package io.orderflow.orders.command;

import io.orderflow.orders.api.OrderReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Everything the order held is given back: cancel it.
 *
 * @param orderId the order
 * @param reason  {@link OrderReason#CANCELLED_BY_CUSTOMER} or {@link OrderReason#TIMEOUT}
 */
public record CancelOrderCommand(@TargetAggregateIdentifier String orderId, OrderReason reason) {
}
