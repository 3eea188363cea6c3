package io.orderflow.payments.api;

/**
 * Why the payments context refused a command. Travels as the details of a command execution failure; names
 * ending in {@code _NOT_FOUND} mean 404 at the REST edge, the others 409.
 */
public enum PaymentsErrorCode {
    /** The customer has an account already. */
    ACCOUNT_ALREADY_EXISTS,
    /** The customer has no account. */
    ACCOUNT_NOT_FOUND,
    /** The account holds no payment for that order. */
    PAYMENT_NOT_FOUND,
    /** The payment is not in a state that allows the operation (e.g. capturing a voided payment). */
    PAYMENT_STATE_CONFLICT
}
