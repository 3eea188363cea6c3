package io.orderflow.payments.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give back the captured amount of an order. Answered by {@link PaymentRefundedEvent}; repeating it changes nothing.
 *
 * @param customerId the paying customer
 * @param orderId    the order whose capture is refunded
 */
public record RefundPaymentCommand(@TargetAggregateIdentifier String customerId, String orderId) {
}
