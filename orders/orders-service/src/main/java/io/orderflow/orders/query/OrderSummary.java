package io.orderflow.orders.query;

import io.orderflow.orders.api.OrderLine;
import io.orderflow.orders.api.OrderReason;
import io.orderflow.orders.api.OrderStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as the orders API shows it. {@code reason} is set only for rejected and cancelled orders,
 * {@code deliveredAt} only once the shipment reached the customer, {@code incident} only while the order's saga is
 * held (see {@link OrderIncident}).
 */
public record OrderSummary(String orderId, String customerId, OrderStatus status, OrderReason reason,
                           List<OrderLine> lines, BigDecimal total, Instant placedAt, Instant updatedAt,
                           Instant deliveredAt, OrderIncident incident) {
}
