package io.orderflow.fulfillment.api;

import java.util.List;

/**
 * A shipment for an order is packed and waits for dispatch.
 *
 * @param shipmentId the shipment
 * @param orderId    the order
 * @param lines      the goods
 */
public record ShipmentPreparedEvent(String shipmentId, String orderId, List<StockLine> lines) {
}
