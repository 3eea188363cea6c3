package io.orderflow.fulfillment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Goods arrived at the warehouse: add them to a SKU's stock (creating the SKU on its first receipt).
 *
 * @param sku      the stock-keeping unit
 * @param quantity units received, at least 1
 */
public record ReceiveStockCommand(@TargetAggregateIdentifier String sku, int quantity) {
}
