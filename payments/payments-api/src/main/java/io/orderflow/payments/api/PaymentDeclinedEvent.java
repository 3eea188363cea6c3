package io.orderflow.payments.api;

import java.math.BigDecimal;

/**
 * The customer's account refused to authorize an order's payment; nothing is reserved.
 *
 * @param customerId the customer
 * @param orderId    the order
 * @param amount     the amount asked for
 * @param reason     why it was refused
 */
public record PaymentDeclinedEvent(String customerId, String orderId, BigDecimal amount, DeclineReason reason) {
}
