package io.orderflow.payments.api;

import java.math.BigDecimal;

/**
 * An order's authorization was released; its credit is available again.
 *
 * @param customerId the customer
 * @param orderId    the order
 * @param amount     the credit released: zero when the void came before any authorization
 */
public record PaymentVoidedEvent(String customerId, String orderId, BigDecimal amount) {
}
