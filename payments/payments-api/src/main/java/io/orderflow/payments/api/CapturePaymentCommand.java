package io.orderflow.payments.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take the authorized amount of an order. Answered by {@link PaymentCapturedEvent}; repeating it changes nothing.
 *
 * @param customerId the paying customer
 * @param orderId    the order whose authorization is captured
 */
public record CapturePaymentCommand(@TargetAggregateIdentifier String customerId, String orderId) {
}
