package io.orderflow.fulfillment.api;

/** Why a reservation failed. */
public enum ReservationFailureReason {
    /** No stock was ever received for the SKU. */
    UNKNOWN_SKU,
    /** The SKU's available stock is less than the quantity. */
    INSUFFICIENT_STOCK
}
