package io.orderflow.payments.command;

import io.orderflow.payments.api.PaymentStatus;

import java.math.BigDecimal;

/** An order's payment as the account keeps it. */
record Payment(BigDecimal amount, PaymentStatus status) {

    Payment with(PaymentStatus newStatus) {
        return new Payment(amount, newStatus);
    }
}
