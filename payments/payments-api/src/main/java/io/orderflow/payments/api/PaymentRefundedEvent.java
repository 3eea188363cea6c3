package io.orderflow.payments.api;

import java.math.BigDecimal;

/**
 * An order's captured amount was given back.
 *
 * @param customerId the customer
 * @param orderId    the order
 * @param amount     the amount refunded
 */
public record PaymentRefundedEvent(String customerId, String orderId, BigDecimal amount) {
}
