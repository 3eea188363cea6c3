package io.orderflow.orders.api;

/**
 * The order was refused by stock or payment; every reservation and authorization was undone first. Terminal.
 *
 * @param orderId the order
 * @param reason  {@link OrderReason#OUT_OF_STOCK} or {@link OrderReason#PAYMENT_DECLINED}
 */
public record OrderRejectedEvent(String orderId, OrderReason reason) {
}
