package io.orderflow.fulfillment.query;

/**
 * A SKU's stock. {@code available = onHand - reserved}, never below zero.
 *
 * @param onHand   units in the warehouse: received and not shipped
 * @param reserved units of those set aside for orders
 */
public record InventoryLevel(String sku, long onHand, long reserved, long available) {
}
