package io.orderflow.fulfillment.query;

import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.api.StockLine;

import java.time.Instant;
import java.util.List;

/** A shipment and where it stands. */
public record ShipmentSummary(String shipmentId, String orderId, ShipmentStatus status, List<StockLine> lines,
                              Instant updatedAt) {
}
