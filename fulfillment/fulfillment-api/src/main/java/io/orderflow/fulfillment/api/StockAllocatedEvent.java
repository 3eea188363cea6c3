package io.orderflow.fulfillment.api;

/**
 * Part of a SKU's available stock was set aside for an order (one per line of a {@link StockReservedEvent}).
 *
 * @param sku      the stock-keeping unit
 * @param orderId  the order
 * @param quantity units set aside
 */
public record StockAllocatedEvent(String sku, String orderId, int quantity) {
}
