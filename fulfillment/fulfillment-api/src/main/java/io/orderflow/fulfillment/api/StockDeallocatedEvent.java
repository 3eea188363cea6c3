package io.orderflow.fulfillment.api;

/**
 * Stock set aside for an order returned to the SKU's available stock (one per line of a {@link StockReleasedEvent}).
 *
 * @param sku      the stock-keeping unit
 * @param orderId  the order
 * @param quantity units returned
 */
public record StockDeallocatedEvent(String sku, String orderId, int quantity) {
}
