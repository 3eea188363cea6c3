package io.orderflow.fulfillment.api;

/**
 * Stock set aside for an order left the warehouse with its shipment: on-hand and reserved both drop.
 *
 * @param sku      the stock-keeping unit
 * @param orderId  the order
 * @param quantity units shipped
 */
public record StockShippedEvent(String sku, String orderId, int quantity) {
}
