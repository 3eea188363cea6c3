package io.orderflow.reporting.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One order across the contexts. Parts that no event has told yet are {@code null}: events of the payments or
 * fulfillment topics may arrive before the order's own.
 *
 * @param status         the order's status: an orders {@code OrderStatus}, or {@code DELIVERED}
 * @param reason         why the order was rejected or cancelled
 * @param currency       ISO 4217 code of the total
 * @param stockStatus    a {@link StockStatus}
 * @param paymentStatus  a payments {@code PaymentStatus}
 * @param shipmentStatus a fulfillment {@code ShipmentStatus}
 * @param updatedAt      time of the latest event about the order
 * @param timeline       the steps so far, oldest first
 */
public record OrderOverview(String orderId, String customerId, String status, String reason, BigDecimal total,
                            String currency,
                            String paymentStatus, String stockStatus, String shipmentId, String shipmentStatus,
                            Instant placedAt, Instant updatedAt, List<TimelineEntry> timeline) implements Tabular {

    /** As a table: one row per step, the order's columns repeated. */
    @Override
    public List<String> header() {
        return List.of("orderId", "customerId", "status", "reason", "total", "currency", "paymentStatus", "stockStatus",
                       "shipmentId", "shipmentStatus", "placedAt", "updatedAt", "step", "at");
    }

    @Override
    public List<List<Object>> rows() {
        return timeline.stream().map(entry -> Arrays.<Object>asList(orderId, customerId, status, reason, total, currency,
                                                                    paymentStatus, stockStatus, shipmentId,
                                                                    shipmentStatus, placedAt, updatedAt,
                                                                    entry.step(), entry.at()))
                       .toList();
    }
}
