package io.orderflow.fulfillment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give back what an order reserved. Answered by {@link StockReleasedEvent}, also when the reservation has not
 * arrived yet: a later reservation for that order is then ignored.
 *
 * @param orderId the order whose reservation is released
 */
public record ReleaseStockCommand(@TargetAggregateIdentifier String orderId) {
}
