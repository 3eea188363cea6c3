package io.orderflow.reporting.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What sold best: the lines of the orders completed in the range, per SKU, by revenue, then units, then SKU.
 *
 * @param from     first UTC day
 * @param to       last UTC day (inclusive)
 * @param limit    at most this many SKUs
 * @param products best first
 */
public record TopProductsReport(LocalDate from, LocalDate to, int limit, List<Product> products) implements Tabular {

    /**
     * @param unitsSold units in completed orders
     * @param revenue   their value at the orders' unit prices
     * @param orders    completed orders with the SKU
     */
    public record Product(String sku, long unitsSold, BigDecimal revenue, long orders) {
    }

    @Override
    public List<String> header() {
        return List.of("sku", "unitsSold", "revenue", "orders");
    }

    @Override
    public List<List<Object>> rows() {
        return products.stream().map(p -> List.<Object>of(p.sku, p.unitsSold, p.revenue, p.orders)).toList();
    }
}
