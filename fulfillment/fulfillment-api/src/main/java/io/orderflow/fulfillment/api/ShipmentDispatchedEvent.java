package io.orderflow.fulfillment.api;

import java.util.List;

/**
 * A shipment left the warehouse; it can no longer be cancelled.
 *
 * @param shipmentId the shipment
 * @param orderId    the order
 * @param lines      the goods
 */
public record ShipmentDispatchedEvent(String shipmentId, String orderId, List<StockLine> lines) {
}
