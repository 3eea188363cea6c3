package io.orderflow.payments.query;

import java.math.BigDecimal;

/**
 * A customer's account: its credit line, what authorizations hold, what was captured, and what is left.
 * {@code available = creditLimit - authorized - captured}.
 */
public record AccountSummary(String customerId, BigDecimal creditLimit, BigDecimal available,
                             BigDecimal authorized, BigDecimal captured) {
}
