package io.orderflow.payments.api;

import java.math.BigDecimal;

/**
 * Credit for an order is reserved on the customer's account.
 *
 * @param customerId the paying customer
 * @param orderId    the order
 * @param amount     the amount reserved
 */
public record PaymentAuthorizedEvent(String customerId, String orderId, BigDecimal amount) {
}
