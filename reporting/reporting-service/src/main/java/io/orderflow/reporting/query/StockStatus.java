package io.orderflow.reporting.query;

/** Where an order's stock reservation stands. */
public enum StockStatus {
    RESERVED, FAILED, RELEASED
}
