package io.orderflow.fulfillment.api;

import java.util.List;

/**
 * Every line of an order is reserved.
 *
 * @param orderId the order
 * @param lines   what is reserved
 */
public record StockReservedEvent(String orderId, List<StockLine> lines) {
}
