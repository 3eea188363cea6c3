package io.orderflow.orders.command;

import io.orderflow.orders.api.OrderLine;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Place an order. Repeating it with the same customer and lines changes nothing, so a client may retry it under
 * the same order id; the same id with another customer or other lines is refused.
 *
 * @param orderId    the order, chosen by the sender
 * @param customerId the customer whose account pays for it
 * @param lines      what is ordered, one line per SKU
 */
public record PlaceOrderCommand(@TargetAggregateIdentifier String orderId, String customerId, List<OrderLine> lines) {
}
