package io.orderflow.orders.api;

/** Where an order stands. COMPLETED, REJECTED and CANCELLED are terminal. */
public enum OrderStatus {
    /** Accepted; stock and payment not yet settled. */
    PLACED,
    /** Stock reserved and payment authorized; waiting for dispatch. */
    CONFIRMED,
    /** The shipment left the warehouse; the payment is being captured. */
    SHIPPED,
    /** Shipped and paid. Terminal. */
    COMPLETED,
    /** Refused by stock or payment; nothing reserved or authorized remains. Terminal. */
    REJECTED,
    /** Cancelled by the customer or by the order deadline; everything was compensated. Terminal. */
    CANCELLED;

    /** @return whether the order can no longer change status */
    public boolean isTerminal() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED;
    }
}
