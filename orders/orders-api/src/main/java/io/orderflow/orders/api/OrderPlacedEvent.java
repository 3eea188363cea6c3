package io.orderflow.orders.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.List;

/**
 * A customer placed an order. Starts the order transaction.
 * <p>
 * Revision 2 added {@code currency}. Events of revision 1 (no revision) were all in {@link #DEFAULT_CURRENCY}; every
 * consumer reads them through an upcaster that says so.
 *
 * @param orderId    the order
 * @param customerId the customer whose account pays for it
 * @param lines      what was ordered, at least one line, one line per SKU
 * @param total      sum of the lines' totals
 * @param currency   ISO 4217 code of the prices and the total
 */
@Revision(OrderPlacedEvent.REVISION)
public record OrderPlacedEvent(String orderId, String customerId, List<OrderLine> lines, BigDecimal total,
                               String currency) {

    /** The current revision of this event's published form. */
    public static final String REVISION = "2";
    /** The currency of orders that do not name one, and of every order placed before revision 2. */
    public static final String DEFAULT_CURRENCY = "EUR";

    /** An order in {@link #DEFAULT_CURRENCY}. */
    public OrderPlacedEvent(String orderId, String customerId, List<OrderLine> lines, BigDecimal total) {
        this(orderId, customerId, lines, total, DEFAULT_CURRENCY);
    }
}
