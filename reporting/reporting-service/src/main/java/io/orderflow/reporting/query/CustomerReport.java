package io.orderflow.reporting.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One customer's orders.
 *
 * @param orders      orders placed
 * @param completed   completed (delivered ones included)
 * @param rejected    rejected
 * @param cancelled   cancelled
 * @param inProgress  not yet ended
 * @param totalSpent  captured minus refunded
 * @param lastOrderId the most recently placed order
 * @param lastOrderAt when it was placed
 */
public record CustomerReport(String customerId, long orders, long completed, long rejected, long cancelled,
                             long inProgress, BigDecimal totalSpent, String lastOrderId, Instant lastOrderAt)
        implements Tabular {

    @Override
    public List<String> header() {
        return List.of("customerId", "orders", "completed", "rejected", "cancelled", "inProgress", "totalSpent",
                       "lastOrderId", "lastOrderAt");
    }

    @Override
    public List<List<Object>> rows() {
        return List.of(Arrays.asList(customerId, orders, completed, rejected, cancelled, inProgress, totalSpent,
                                     lastOrderId, lastOrderAt));
    }
}
