package io.orderflow.payments.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Release the credit an order's authorization holds. Answered by {@link PaymentVoidedEvent}, also when the
 * authorization has not arrived yet: a later authorization for that order is then ignored.
 *
 * @param customerId the paying customer
 * @param orderId    the order whose authorization is voided
 */
public record VoidPaymentCommand(@TargetAggregateIdentifier String customerId, String orderId) {
}
