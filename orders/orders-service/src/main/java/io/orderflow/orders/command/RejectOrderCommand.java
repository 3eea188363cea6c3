package io.orderflow.orders.command;

import io.orderflow.orders.api.OrderReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stock or payment refused the order, and what was reserved is given back.
 *
 * @param orderId the order
 * @param reason  {@link OrderReason#OUT_OF_STOCK} or {@link OrderReason#PAYMENT_DECLINED}
 */
public record RejectOrderCommand(@TargetAggregateIdentifier String orderId, OrderReason reason) {
}
