package io.orderflow.payments.api;

import java.math.BigDecimal;

/**
 * An order's authorized amount was taken.
 *
 * @param customerId the paying customer
 * @param orderId    the order
 * @param amount     the amount captured
 */
public record PaymentCapturedEvent(String customerId, String orderId, BigDecimal amount) {
}
