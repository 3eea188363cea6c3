package io.orderflow.orders.api;

/**
 * Why the orders context refused a command. Travels as the details of a command execution failure; names
 * ending in {@code _NOT_FOUND} mean 404 at the REST edge, the others 409.
 */
public enum OrdersErrorCode {
    /** No order has that id. */
    ORDER_NOT_FOUND,
    /** The order was shipped or has ended: it can no longer be cancelled. */
    ORDER_NOT_CANCELLABLE,
    /** An order with that id exists already. */
    ORDER_ALREADY_EXISTS,
    /** The idempotency key was used before for a different request. */
    IDEMPOTENCY_KEY_REUSED
}
