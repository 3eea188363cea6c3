package io.orderflow.orders.web;

import io.orderflow.orders.api.OrderStatus;

/** Answer to a command on an order: it was accepted, the rest happens asynchronously. */
public record OrderAccepted(String orderId, OrderStatus status) {
}
