package io.orderflow.fulfillment.command;

/** Where an order's reservation stands. */
enum ReservationStatus {
    /** Every line is set aside. */
    RESERVED,
    /** Nothing was set aside: a SKU was unknown or short. */
    FAILED,
    /** Given back, or released before it was ever made (then it never will be). */
    RELEASED,
    /** Left the warehouse with the order's shipment. */
    SHIPPED
}
