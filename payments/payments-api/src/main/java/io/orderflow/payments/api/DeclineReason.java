package io.orderflow.payments.api;

/** Why a payment authorization was declined. */
public enum DeclineReason {
    /** The account's available credit is less than the amount. */
    INSUFFICIENT_CREDIT,
    /** The customer has no account. */
    ACCOUNT_UNKNOWN
}
