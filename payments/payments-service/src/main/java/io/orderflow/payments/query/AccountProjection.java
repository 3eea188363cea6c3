package io.orderflow.payments.query;

import io.orderflow.payments.api.AccountOpenedEvent;
import io.orderflow.payments.api.PaymentAuthorizedEvent;
import io.orderflow.payments.api.PaymentCapturedEvent;
import io.orderflow.payments.api.PaymentDeclinedEvent;
import io.orderflow.payments.api.PaymentRefundedEvent;
import io.orderflow.payments.api.PaymentStatus;
import io.orderflow.payments.api.PaymentVoidedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Accounts and payments as the payments API shows them. Every write sets a row to what the event says rather
 * than adding to it, so handling an event again leaves the same rows.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
public class AccountProjection {

    public static final String PROCESSING_GROUP = "accounts";

    private final JdbcClient jdbc;

    public AccountProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountOpenedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                 INSERT INTO account_view (customer_id, credit_limit, opened_at) VALUES (?, ?, ?)
                 ON CONFLICT (customer_id) DO UPDATE SET credit_limit = excluded.credit_limit
                 """)
            .params(event.customerId(), event.creditLimit(), utc(at))
            .update();
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event, @Timestamp Instant at) {
        upsert(event.orderId(), event.customerId(), event.amount(), PaymentStatus.AUTHORIZED, null, at);
    }

    @EventHandler
    void on(PaymentDeclinedEvent event, @Timestamp Instant at) {
        upsert(event.orderId(), event.customerId(), event.amount(), PaymentStatus.DECLINED, event.reason().name(), at);
    }

    @EventHandler
    void on(PaymentCapturedEvent event, @Timestamp Instant at) {
        upsert(event.orderId(), event.customerId(), event.amount(), PaymentStatus.CAPTURED, null, at);
    }

    @EventHandler
    void on(PaymentVoidedEvent event, @Timestamp Instant at) {
        upsert(event.orderId(), event.customerId(), event.amount(), PaymentStatus.VOIDED, null, at);
    }

    @EventHandler
    void on(PaymentRefundedEvent event, @Timestamp Instant at) {
        upsert(event.orderId(), event.customerId(), event.amount(), PaymentStatus.REFUNDED, null, at);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM payment_view").update();
        jdbc.sql("DELETE FROM account_view").update();
    }

    private void upsert(String orderId, String customerId, BigDecimal amount, PaymentStatus status,
                        String declineReason, Instant at) {
        jdbc.sql("""
                 INSERT INTO payment_view (order_id, customer_id, amount, status, decline_reason, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?)
                 ON CONFLICT (order_id) DO UPDATE
                 SET amount = excluded.amount, status = excluded.status,
                     decline_reason = excluded.decline_reason, updated_at = excluded.updated_at
                 """)
            .params(orderId, customerId, amount, status.name(), declineReason, utc(at))
            .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
