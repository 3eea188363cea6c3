package io.orderflow.orders.saga;

/**
 * Payload of the order saga's deadline: first the order's deadline, then the saga's periodic resend.
 *
 * @param orderId the order
 */
public record OrderDeadline(String orderId) {
}
