package io.orderflow.orders.api;

/**
 * Stock is reserved and payment authorized: the order will ship unless cancelled first.
 *
 * @param orderId the order
 */
public record OrderConfirmedEvent(String orderId) {
}
