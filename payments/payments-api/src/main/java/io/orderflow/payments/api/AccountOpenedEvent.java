package io.orderflow.payments.api;

import java.math.BigDecimal;

/**
 * A customer's account was opened.
 *
 * @param customerId  the customer
 * @param creditLimit the credit line
 */
public record AccountOpenedEvent(String customerId, BigDecimal creditLimit) {
}
