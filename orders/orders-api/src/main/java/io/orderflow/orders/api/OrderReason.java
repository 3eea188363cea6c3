package io.orderflow.orders.api;

/** Why an order ended without completing. */
public enum OrderReason {
    /** An unknown SKU or not enough stock for a line. */
    OUT_OF_STOCK,
    /** The customer's account declined the payment (credit exhausted or account unknown). */
    PAYMENT_DECLINED,
    /** The customer cancelled before dispatch. */
    CANCELLED_BY_CUSTOMER,
    /** The order's deadline passed before it was dispatched. */
    TIMEOUT
}
