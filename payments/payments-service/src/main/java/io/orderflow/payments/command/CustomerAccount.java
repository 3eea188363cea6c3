package io.orderflow.payments.command;

import io.orderflow.payments.api.AccountOpenedEvent;
import io.orderflow.payments.api.AuthorizePaymentCommand;
import io.orderflow.payments.api.CapturePaymentCommand;
import io.orderflow.payments.api.DeclineReason;
import io.orderflow.payments.api.OpenAccountCommand;
import io.orderflow.payments.api.PaymentAuthorizedEvent;
import io.orderflow.payments.api.PaymentCapturedEvent;
import io.orderflow.payments.api.PaymentDeclinedEvent;
import io.orderflow.payments.api.PaymentRefundedEvent;
import io.orderflow.payments.api.PaymentStatus;
import io.orderflow.payments.api.PaymentVoidedEvent;
import io.orderflow.payments.api.PaymentsErrorCode;
import io.orderflow.payments.api.RefundPaymentCommand;
import io.orderflow.payments.api.VoidPaymentCommand;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's credit line and the payments it holds, one per order. The account decides every authorization
 * itself, so concurrent orders of one customer can never take its available credit below zero.
 * <p>
 * Authorizations and voids also arrive for customers without an account, and voids before the authorization they
 * undo: the account then exists without being opened, records the decline or the void, and ignores the late
 * authorization. Every command is idempotent per order.
 */
@Aggregate(cache = "customerAccountCache")
public class CustomerAccount {

    @AggregateIdentifier
    private String customerId;
    private boolean opened;
    private BigDecimal creditLimit = BigDecimal.ZERO;
    private BigDecimal authorized = BigDecimal.ZERO;
    private BigDecimal captured = BigDecimal.ZERO;
    private final Map<String, Payment> payments = new HashMap<>();

    protected CustomerAccount() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenAccountCommand command) {
        if (opened) {
            throw new CommandExecutionException("Customer " + command.customerId() + " has an account already",
                                                null, PaymentsErrorCode.ACCOUNT_ALREADY_EXISTS);
        }
        apply(new AccountOpenedEvent(command.customerId(), command.creditLimit()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AuthorizePaymentCommand command) {
        if (payments.containsKey(command.orderId())) {
            return;
        }
        if (!opened) {
            apply(new PaymentDeclinedEvent(command.customerId(), command.orderId(), command.amount(),
                                           DeclineReason.ACCOUNT_UNKNOWN));
        } else if (available().compareTo(command.amount()) < 0) {
            apply(new PaymentDeclinedEvent(command.customerId(), command.orderId(), command.amount(),
                                           DeclineReason.INSUFFICIENT_CREDIT));
        } else {
            apply(new PaymentAuthorizedEvent(command.customerId(), command.orderId(), command.amount()));
        }
    }

    @CommandHandler
    public void handle(CapturePaymentCommand command) {
        Payment payment = existing(command.orderId());
        switch (payment.status()) {
            case AUTHORIZED -> apply(new PaymentCapturedEvent(customerId, command.orderId(), payment.amount()));
            case CAPTURED, REFUNDED -> {
            }
            default -> throw conflict(command.orderId(), payment, "captured");
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(VoidPaymentCommand command) {
        Payment payment = payments.get(command.orderId());
        if (payment == null) {
            apply(new PaymentVoidedEvent(command.customerId(), command.orderId(), BigDecimal.ZERO));
            return;
        }
        switch (payment.status()) {
            case AUTHORIZED -> apply(new PaymentVoidedEvent(customerId, command.orderId(), payment.amount()));
            case VOIDED, DECLINED -> {
            }
            default -> throw conflict(command.orderId(), payment, "voided");
        }
    }

    @CommandHandler
    public void handle(RefundPaymentCommand command) {
        Payment payment = existing(command.orderId());
        switch (payment.status()) {
            case CAPTURED -> apply(new PaymentRefundedEvent(customerId, command.orderId(), payment.amount()));
            case REFUNDED -> {
            }
            default -> throw conflict(command.orderId(), payment, "refunded");
        }
    }

    @EventSourcingHandler
    void on(AccountOpenedEvent event) {
        customerId = event.customerId();
        opened = true;
        creditLimit = event.creditLimit();
    }

    @EventSourcingHandler
    void on(PaymentAuthorizedEvent event) {
        customerId = event.customerId();
        authorized = authorized.add(event.amount());
        payments.put(event.orderId(), new Payment(event.amount(), PaymentStatus.AUTHORIZED));
    }

    @EventSourcingHandler
    void on(PaymentDeclinedEvent event) {
        customerId = event.customerId();
        payments.put(event.orderId(), new Payment(event.amount(), PaymentStatus.DECLINED));
    }

    @EventSourcingHandler
    void on(PaymentCapturedEvent event) {
        authorized = authorized.subtract(event.amount());
        captured = captured.add(event.amount());
        payments.computeIfPresent(event.orderId(), (id, payment) -> payment.with(PaymentStatus.CAPTURED));
    }

    @EventSourcingHandler
    void on(PaymentVoidedEvent event) {
        customerId = event.customerId();
        authorized = authorized.subtract(event.amount());
        payments.put(event.orderId(), new Payment(event.amount(), PaymentStatus.VOIDED));
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        captured = captured.subtract(event.amount());
        payments.computeIfPresent(event.orderId(), (id, payment) -> payment.with(PaymentStatus.REFUNDED));
    }

    private BigDecimal available() {
        return creditLimit.subtract(authorized).subtract(captured);
    }

    private Payment existing(String orderId) {
        Payment payment = payments.get(orderId);
        if (payment == null) {
            throw new CommandExecutionException("No payment for order " + orderId + " on account " + customerId,
                                                null, PaymentsErrorCode.PAYMENT_NOT_FOUND);
        }
        return payment;
    }

    private CommandExecutionException conflict(String orderId, Payment payment, String operation) {
        return new CommandExecutionException("The payment for order " + orderId + " is " + payment.status()
                                                     + " and cannot be " + operation,
                                             null, PaymentsErrorCode.PAYMENT_STATE_CONFLICT);
    }
}
