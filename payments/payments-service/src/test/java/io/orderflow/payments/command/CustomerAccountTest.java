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
import io.orderflow.payments.api.PaymentVoidedEvent;
import io.orderflow.payments.api.PaymentsErrorCode;
import io.orderflow.payments.api.RefundPaymentCommand;
import io.orderflow.payments.api.VoidPaymentCommand;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

class CustomerAccountTest {

    private static final String CUSTOMER = "alice";
    private static final BigDecimal LIMIT = new BigDecimal("100.00");

    private AggregateTestFixture<CustomerAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CustomerAccount.class);
    }

    private static BigDecimal money(String value) {
        return new BigDecimal(value);
    }

    @Test
    void opensAnAccount() {
        fixture.givenNoPriorActivity()
               .when(new OpenAccountCommand(CUSTOMER, LIMIT))
               .expectEvents(new AccountOpenedEvent(CUSTOMER, LIMIT));
    }

    @Test
    void refusesToOpenAnAccountTwice() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT))
               .when(new OpenAccountCommand(CUSTOMER, LIMIT))
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(PaymentsErrorCode.ACCOUNT_ALREADY_EXISTS);
    }

    @Test
    void opensAnAccountWhoseCustomerWasDeclinedBefore() {
        fixture.given(new PaymentDeclinedEvent(CUSTOMER, "o1", money("5.00"), DeclineReason.ACCOUNT_UNKNOWN))
               .when(new OpenAccountCommand(CUSTOMER, LIMIT))
               .expectEvents(new AccountOpenedEvent(CUSTOMER, LIMIT));
    }

    @Test
    void authorizesWhatTheCreditCovers() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT))
               .when(new AuthorizePaymentCommand(CUSTOMER, "o1", money("100.00")))
               .expectEvents(new PaymentAuthorizedEvent(CUSTOMER, "o1", money("100.00")));
    }

    @Test
    void declinesWhatExceedsTheAvailableCredit() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("60.00")))
               .when(new AuthorizePaymentCommand(CUSTOMER, "o2", money("40.01")))
               .expectEvents(new PaymentDeclinedEvent(CUSTOMER, "o2", money("40.01"),
                                                      DeclineReason.INSUFFICIENT_CREDIT));
    }

    @Test
    void countsCapturedMoneyAgainstTheCreditLine() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("60.00")),
                      new PaymentCapturedEvent(CUSTOMER, "o1", money("60.00")))
               .when(new AuthorizePaymentCommand(CUSTOMER, "o2", money("50.00")))
               .expectEvents(new PaymentDeclinedEvent(CUSTOMER, "o2", money("50.00"),
                                                      DeclineReason.INSUFFICIENT_CREDIT));
    }

    @Test
    void releasesCreditWhenAPaymentIsVoided() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("100.00")),
                      new PaymentVoidedEvent(CUSTOMER, "o1", money("100.00")))
               .when(new AuthorizePaymentCommand(CUSTOMER, "o2", money("100.00")))
               .expectEvents(new PaymentAuthorizedEvent(CUSTOMER, "o2", money("100.00")));
    }

    @Test
    void declinesCustomersWithoutAnAccount() {
        fixture.givenNoPriorActivity()
               .when(new AuthorizePaymentCommand(CUSTOMER, "o1", money("1.00")))
               .expectEvents(new PaymentDeclinedEvent(CUSTOMER, "o1", money("1.00"), DeclineReason.ACCOUNT_UNKNOWN));
    }

    @Test
    void ignoresASecondAuthorizationForTheSameOrder() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("10.00")))
               .when(new AuthorizePaymentCommand(CUSTOMER, "o1", money("10.00")))
               .expectNoEvents();
    }

    @Test
    void ignoresAnAuthorizationThatArrivesAfterItsVoid() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentVoidedEvent(CUSTOMER, "o1", BigDecimal.ZERO))
               .when(new AuthorizePaymentCommand(CUSTOMER, "o1", money("10.00")))
               .expectNoEvents();
    }

    @Test
    void capturesAnAuthorizedPaymentOnce() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("10.00")))
               .when(new CapturePaymentCommand(CUSTOMER, "o1"))
               .expectEvents(new PaymentCapturedEvent(CUSTOMER, "o1", money("10.00")));
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("10.00")),
                      new PaymentCapturedEvent(CUSTOMER, "o1", money("10.00")))
               .when(new CapturePaymentCommand(CUSTOMER, "o1"))
               .expectNoEvents();
    }

    @Test
    void refusesToCaptureAVoidedPayment() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("10.00")),
                      new PaymentVoidedEvent(CUSTOMER, "o1", money("10.00")))
               .when(new CapturePaymentCommand(CUSTOMER, "o1"))
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(PaymentsErrorCode.PAYMENT_STATE_CONFLICT);
    }

    @Test
    void refusesToCaptureAPaymentItDoesNotHold() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT))
               .when(new CapturePaymentCommand(CUSTOMER, "o1"))
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(PaymentsErrorCode.PAYMENT_NOT_FOUND);
    }

    @Test
    void refusesToCaptureOnAnUnknownAccount() {
        fixture.givenNoPriorActivity()
               .when(new CapturePaymentCommand(CUSTOMER, "o1"))
               .expectException(AggregateNotFoundException.class);
    }

    @Test
    void voidsAnAuthorizedPayment() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("10.00")))
               .when(new VoidPaymentCommand(CUSTOMER, "o1"))
               .expectEvents(new PaymentVoidedEvent(CUSTOMER, "o1", money("10.00")));
    }

    @Test
    void recordsAVoidThatOvertakesItsAuthorization() {
        fixture.givenNoPriorActivity()
               .when(new VoidPaymentCommand(CUSTOMER, "o1"))
               .expectEvents(new PaymentVoidedEvent(CUSTOMER, "o1", BigDecimal.ZERO));
    }

    @Test
    void ignoresVoidingADeclinedOrVoidedPayment() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentDeclinedEvent(CUSTOMER, "o1", money("500.00"), DeclineReason.INSUFFICIENT_CREDIT))
               .when(new VoidPaymentCommand(CUSTOMER, "o1"))
               .expectNoEvents();
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("10.00")),
                      new PaymentVoidedEvent(CUSTOMER, "o1", money("10.00")))
               .when(new VoidPaymentCommand(CUSTOMER, "o1"))
               .expectNoEvents();
    }

    @Test
    void refusesToVoidACapturedPayment() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("10.00")),
                      new PaymentCapturedEvent(CUSTOMER, "o1", money("10.00")))
               .when(new VoidPaymentCommand(CUSTOMER, "o1"))
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(PaymentsErrorCode.PAYMENT_STATE_CONFLICT);
    }

    @Test
    void refundsACapturedPaymentOnceAndFreesItsCredit() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("100.00")),
                      new PaymentCapturedEvent(CUSTOMER, "o1", money("100.00")))
               .when(new RefundPaymentCommand(CUSTOMER, "o1"))
               .expectEvents(new PaymentRefundedEvent(CUSTOMER, "o1", money("100.00")));
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("100.00")),
                      new PaymentCapturedEvent(CUSTOMER, "o1", money("100.00")),
                      new PaymentRefundedEvent(CUSTOMER, "o1", money("100.00")))
               .when(new AuthorizePaymentCommand(CUSTOMER, "o2", money("100.00")))
               .expectEvents(new PaymentAuthorizedEvent(CUSTOMER, "o2", money("100.00")));
    }

    @Test
    void refusesToRefundAnUncapturedPayment() {
        fixture.given(new AccountOpenedEvent(CUSTOMER, LIMIT),
                      new PaymentAuthorizedEvent(CUSTOMER, "o1", money("10.00")))
               .when(new RefundPaymentCommand(CUSTOMER, "o1"))
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(PaymentsErrorCode.PAYMENT_STATE_CONFLICT);
    }
}
