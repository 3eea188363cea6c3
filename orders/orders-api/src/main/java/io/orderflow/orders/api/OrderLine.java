package io.orderflow.orders.api;

import java.math.BigDecimal;

/**
 * One line of an order: how many units of a SKU the customer buys, at which unit price.
 *
 * @param sku       the stock-keeping unit, as fulfillment knows it
 * @param quantity  units ordered, at least 1
 * @param unitPrice price of one unit, two decimals
 */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {

    /** @return quantity × unit price */
    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
