package io.orderflow.orders.api;

import java.math.BigDecimal;

/**
 * The order shipped and its payment was captured. Terminal.
 *
 * @param orderId the order
 * @param total   the amount captured for it
 */
public record OrderCompletedEvent(String orderId, BigDecimal total) {
}
