package io.orderflow.payments.query;

import java.math.BigDecimal;
import java.time.Instant;

/** An order's payment. {@code declineReason} is set only for declined payments. */
public record PaymentSummary(String orderId, String customerId, BigDecimal amount, String status,
                             String declineReason, Instant updatedAt) {
}
