package io.orderflow.payments.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * Open a customer's account with a credit line.
 *
 * @param customerId  the customer; one account each
 * @param creditLimit how much may be authorized and not yet settled at once, two decimals, not negative
 */
public record OpenAccountCommand(@TargetAggregateIdentifier String customerId, BigDecimal creditLimit) {
}
