package io.orderflow.reporting.query;

/**
 * A step in an order's life as the overview shows it, one per public event about the order. Declared in the order
 * the happy path takes them, which breaks ties between steps recorded at the same instant.
 */
public enum TimelineStep {
    ORDER_PLACED,
    STOCK_RESERVED,
    STOCK_RESERVATION_FAILED,
    PAYMENT_AUTHORIZED,
    PAYMENT_DECLINED,
    ORDER_CONFIRMED,
    SHIPMENT_PREPARED,
    ORDER_CANCELLATION_REQUESTED,
    SHIPMENT_CANCELLED,
    PAYMENT_VOIDED,
    STOCK_RELEASED,
    ORDER_REJECTED,
    ORDER_CANCELLED,
    SHIPMENT_DISPATCHED,
    PAYMENT_CAPTURED,
    ORDER_SHIPPED,
    ORDER_COMPLETED,
    SHIPMENT_DELIVERED,
    ORDER_DELIVERED,
    PAYMENT_REFUNDED
}
