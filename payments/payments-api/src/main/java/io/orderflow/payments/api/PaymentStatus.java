package io.orderflow.payments.api;

/** Where an order's payment stands. */
public enum PaymentStatus {
    AUTHORIZED, DECLINED, CAPTURED, VOIDED, REFUNDED
}
