package io.orderflow.fulfillment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Reserve every line of an order, or nothing. Answered by {@link StockReservedEvent} or
 * {@link StockReservationFailedEvent}; a second request for the same order changes nothing.
 *
 * @param orderId the order the reservation is for
 * @param lines   the quantities to reserve, one line per SKU
 */
public record ReserveStockCommand(@TargetAggregateIdentifier String orderId, List<StockLine> lines) {
}
