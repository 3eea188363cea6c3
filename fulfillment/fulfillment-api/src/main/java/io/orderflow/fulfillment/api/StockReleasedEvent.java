package io.orderflow.fulfillment.api;

import java.util.List;

/**
 * An order's reservation was given back to stock.
 *
 * @param orderId the order
 * @param lines   what was released: empty when the release came before any reservation
 */
public record StockReleasedEvent(String orderId, List<StockLine> lines) {
}
