package io.orderflow.fulfillment.api;

/**
 * An order's stock could not be reserved; nothing of it is reserved.
 *
 * @param orderId the order
 * @param reason  why
 * @param sku     the first SKU that could not be reserved
 */
public record StockReservationFailedEvent(String orderId, ReservationFailureReason reason, String sku) {
}
