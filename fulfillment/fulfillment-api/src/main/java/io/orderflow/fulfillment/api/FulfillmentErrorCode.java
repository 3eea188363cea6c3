package io.orderflow.fulfillment.api;

/**
 * Why the fulfillment context refused a command. Travels as the details of a command execution failure; names
 * ending in {@code _NOT_FOUND} mean 404 at the REST edge, the others 409.
 */
public enum FulfillmentErrorCode {
    /** No stock was ever received for the SKU. */
    SKU_NOT_FOUND,
    /** No shipment has that id. */
    SHIPMENT_NOT_FOUND,
    /** The shipment was dispatched already: it cannot be cancelled. */
    SHIPMENT_ALREADY_DISPATCHED,
    /** The shipment is not in a state that allows the operation (e.g. delivering one not dispatched). */
    SHIPMENT_STATE_CONFLICT
}
