package io.orderflow.fulfillment.api;

/**
 * Goods were added to a SKU's stock.
 *
 * @param sku      the stock-keeping unit
 * @param quantity units received
 */
public record StockReceivedEvent(String sku, int quantity) {
}
