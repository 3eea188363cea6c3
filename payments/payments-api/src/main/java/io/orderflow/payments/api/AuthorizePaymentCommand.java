package io.orderflow.payments.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * Reserve credit on the customer's account for an order. Answered by {@link PaymentAuthorizedEvent} or
 * {@link PaymentDeclinedEvent}; a second request for the same order changes nothing.
 *
 * @param customerId the paying customer
 * @param orderId    the order the payment is for
 * @param amount     the order total, two decimals
 */
public record AuthorizePaymentCommand(@TargetAggregateIdentifier String customerId, String orderId,
                                      BigDecimal amount) {
}
