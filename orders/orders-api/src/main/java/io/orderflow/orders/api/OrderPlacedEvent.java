package io.orderflow.orders.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * A customer placed an order. Starts the order transaction.
 *
 * @param orderId    the order
 * @param customerId the customer whose account pays for it
 * @param lines      what was ordered, at least one line, one line per SKU
 * @param total      sum of the lines' totals
 */
public record OrderPlacedEvent(String orderId, String customerId, List<OrderLine> lines, BigDecimal total) {
}
