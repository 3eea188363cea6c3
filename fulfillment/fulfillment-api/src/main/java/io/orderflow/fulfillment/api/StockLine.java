package io.orderflow.fulfillment.api;

/**
 * A quantity of one SKU.
 *
 * @param sku      the stock-keeping unit
 * @param quantity units, at least 1
 */
public record StockLine(String sku, int quantity) {
}
