package io.orderflow.orders.saga;

import io.orderflow.fulfillment.api.CancelShipmentCommand;
import io.orderflow.fulfillment.api.PrepareShipmentCommand;
import io.orderflow.fulfillment.api.ReleaseStockCommand;
import io.orderflow.fulfillment.api.ReservationFailureReason;
import io.orderflow.fulfillment.api.ReserveStockCommand;
import io.orderflow.fulfillment.api.ShipmentCancelledEvent;
import io.orderflow.fulfillment.api.ShipmentDispatchedEvent;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import io.orderflow.fulfillment.api.StockLine;
import io.orderflow.fulfillment.api.StockReleasedEvent;
import io.orderflow.fulfillment.api.StockReservationFailedEvent;
import io.orderflow.fulfillment.api.StockReservedEvent;
import io.orderflow.orders.api.OrderCancellationRequestedEvent;
import io.orderflow.orders.api.OrderCancelledEvent;
import io.orderflow.orders.api.OrderCompletedEvent;
import io.orderflow.orders.api.OrderConfirmedEvent;
import io.orderflow.orders.api.OrderLine;
import io.orderflow.orders.api.OrderPlacedEvent;
import io.orderflow.orders.api.OrderReason;
import io.orderflow.orders.api.OrderRejectedEvent;
import io.orderflow.orders.api.OrderShippedEvent;
import io.orderflow.orders.command.CancelOrderCommand;
import io.orderflow.orders.command.CompleteOrderCommand;
import io.orderflow.orders.command.ConfirmOrderCommand;
import io.orderflow.orders.command.MarkOrderShippedCommand;
import io.orderflow.orders.command.RejectOrderCommand;
import io.orderflow.payments.api.AuthorizePaymentCommand;
import io.orderflow.payments.api.CapturePaymentCommand;
import io.orderflow.payments.api.DeclineReason;
import io.orderflow.payments.api.PaymentAuthorizedEvent;
import io.orderflow.payments.api.PaymentCapturedEvent;
import io.orderflow.payments.api.PaymentDeclinedEvent;
import io.orderflow.payments.api.PaymentVoidedEvent;
import io.orderflow.payments.api.VoidPaymentCommand;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

class OrderSagaTest {

    static final String ORDER = "o-1";
    static final String CUSTOMER = "c-1";
    static final String SHIPMENT = "shp-o-1";
    static final BigDecimal TOTAL = new BigDecimal("25.50");
    static final List<OrderLine> LINES = List.of(new OrderLine("sku-1", 2, new BigDecimal("10.00")),
                                                 new OrderLine("sku-2", 1, new BigDecimal("5.50")));
    static final List<StockLine> STOCK = List.of(new StockLine("sku-1", 2), new StockLine("sku-2", 1));
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final Duration RESEND = Duration.ofSeconds(10);
    static final OrderDeadline ORDER_DEADLINE = new OrderDeadline(ORDER);

    static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER, CUSTOMER, LINES, TOTAL);
    static final StockReservedEvent RESERVED = new StockReservedEvent(ORDER, STOCK);
    static final StockReservationFailedEvent RESERVATION_FAILED =
            new StockReservationFailedEvent(ORDER, ReservationFailureReason.INSUFFICIENT_STOCK, "sku-1");
    static final StockReleasedEvent RELEASED = new StockReleasedEvent(ORDER, STOCK);
    static final PaymentAuthorizedEvent AUTHORIZED = new PaymentAuthorizedEvent(CUSTOMER, ORDER, TOTAL);
    static final PaymentDeclinedEvent DECLINED =
            new PaymentDeclinedEvent(CUSTOMER, ORDER, TOTAL, DeclineReason.INSUFFICIENT_CREDIT);
    static final PaymentVoidedEvent VOIDED = new PaymentVoidedEvent(CUSTOMER, ORDER, TOTAL);
    static final PaymentCapturedEvent CAPTURED = new PaymentCapturedEvent(CUSTOMER, ORDER, TOTAL);
    static final OrderConfirmedEvent CONFIRMED = new OrderConfirmedEvent(ORDER);
    static final ShipmentPreparedEvent PREPARED = new ShipmentPreparedEvent(SHIPMENT, ORDER, STOCK);
    static final ShipmentDispatchedEvent DISPATCHED = new ShipmentDispatchedEvent(SHIPMENT, ORDER, STOCK);
    static final ShipmentCancelledEvent SHIPMENT_CANCELLED = new ShipmentCancelledEvent(SHIPMENT, ORDER);
    static final OrderShippedEvent SHIPPED = new OrderShippedEvent(ORDER, SHIPMENT);
    static final OrderCompletedEvent COMPLETED = new OrderCompletedEvent(ORDER, TOTAL);
    static final OrderCancellationRequestedEvent CANCELLATION_REQUESTED = new OrderCancellationRequestedEvent(ORDER);

    static final ReserveStockCommand RESERVE_STOCK = new ReserveStockCommand(ORDER, STOCK);
    static final ReleaseStockCommand RELEASE_STOCK = new ReleaseStockCommand(ORDER);
    static final AuthorizePaymentCommand AUTHORIZE_PAYMENT = new AuthorizePaymentCommand(CUSTOMER, ORDER, TOTAL);
    static final CapturePaymentCommand CAPTURE_PAYMENT = new CapturePaymentCommand(CUSTOMER, ORDER);
    static final VoidPaymentCommand VOID_PAYMENT = new VoidPaymentCommand(CUSTOMER, ORDER);
    static final PrepareShipmentCommand PREPARE_SHIPMENT = new PrepareShipmentCommand(SHIPMENT, ORDER, STOCK);
    static final CancelShipmentCommand CANCEL_SHIPMENT = new CancelShipmentCommand(SHIPMENT, ORDER);
    static final ConfirmOrderCommand CONFIRM_ORDER = new ConfirmOrderCommand(ORDER);
    static final MarkOrderShippedCommand MARK_SHIPPED = new MarkOrderShippedCommand(ORDER, SHIPMENT);
    static final CompleteOrderCommand COMPLETE_ORDER = new CompleteOrderCommand(ORDER);

    SagaTestFixture<OrderSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderSaga.class);
        fixture.registerResource(new OrderSagaProperties(DEADLINE, RESEND, Duration.ofSeconds(3), 5));
    }

    ContinuedGivenState placed() {
        return fixture.givenAggregate(ORDER).published(PLACED);
    }

    ContinuedGivenState reserved() {
        return placed().andThenAPublished(RESERVED);
    }

    ContinuedGivenState authorized() {
        return reserved().andThenAPublished(AUTHORIZED).andThenAggregate(ORDER).published(CONFIRMED);
    }

    ContinuedGivenState prepared() {
        return authorized().andThenAPublished(PREPARED);
    }

    ContinuedGivenState dispatched() {
        return prepared().andThenAPublished(DISPATCHED);
    }

    @Nested
    class WhenAllGoesWell {

        @Test
        void reservesStockAndSetsTheOrderDeadlineWhenTheOrderIsPlaced() {
            fixture.givenNoPriorActivity()
                   .whenAggregate(ORDER).publishes(PLACED)
                   .expectActiveSagas(1)
                   .expectAssociationWith(OrderSaga.ORDER_ID, ORDER)
                   .expectDispatchedCommands(RESERVE_STOCK)
                   .expectScheduledDeadline(DEADLINE, ORDER_DEADLINE);
        }

        @Test
        void authorizesPaymentOnceStockIsReserved() {
            placed().whenPublishingA(RESERVED)
                    .expectDispatchedCommands(AUTHORIZE_PAYMENT);
        }

        @Test
        void confirmsTheOrderAndPreparesTheShipmentOncePaymentIsAuthorized() {
            reserved().whenPublishingA(AUTHORIZED)
                      .expectDispatchedCommands(CONFIRM_ORDER, PREPARE_SHIPMENT);
        }

        @Test
        void waitsForDispatchOnceTheShipmentIsPrepared() {
            authorized().whenPublishingA(PREPARED)
                        .expectNoDispatchedCommands()
                        .expectActiveSagas(1);
        }

        @Test
        void capturesPaymentAndMarksTheOrderShippedWhenTheShipmentIsDispatched() {
            prepared().whenPublishingA(DISPATCHED)
                      .expectDispatchedCommands(CAPTURE_PAYMENT, MARK_SHIPPED);
        }

        @Test
        void completesTheOrderWhenItShippedAfterPaymentWasCaptured() {
            dispatched().andThenAPublished(CAPTURED)
                        .whenAggregate(ORDER).publishes(SHIPPED)
                        .expectDispatchedCommands(COMPLETE_ORDER);
        }

        @Test
        void completesTheOrderWhenPaymentIsCapturedAfterItShipped() {
            dispatched().andThenAggregate(ORDER).published(SHIPPED)
                        .whenPublishingA(CAPTURED)
                        .expectDispatchedCommands(COMPLETE_ORDER);
        }

        @Test
        void endsWhenTheOrderIsCompletedAndCancelsItsDeadline() {
            dispatched().andThenAggregate(ORDER).published(SHIPPED).andThenAPublished(CAPTURED)
                        .whenAggregate(ORDER).publishes(COMPLETED)
                        .expectActiveSagas(0)
                        .expectNoScheduledDeadlines()
                        .expectNoDispatchedCommands();
        }

        @Test
        void runsAnOrderFromPlacementToCompletion() {
            fixture.givenAggregate(ORDER).published(PLACED)
                   .andThenAPublished(RESERVED)
                   .andThenAPublished(AUTHORIZED)
                   .andThenAggregate(ORDER).published(CONFIRMED)
                   .andThenAPublished(PREPARED)
                   .andThenAPublished(DISPATCHED)
                   .andThenAPublished(CAPTURED)
                   .andThenAggregate(ORDER).published(SHIPPED)
                   .whenAggregate(ORDER).publishes(COMPLETED)
                   .expectActiveSagas(0)
                   .expectNoScheduledDeadlines();
        }
    }

    @Nested
    class WhenStockOrPaymentRefuses {

        @Test
        void rejectsTheOrderAsOutOfStockWhenStockCannotBeReserved() {
            placed().whenPublishingA(RESERVATION_FAILED)
                    .expectDispatchedCommands(new RejectOrderCommand(ORDER, OrderReason.OUT_OF_STOCK));
        }

        @Test
        void endsWhenTheOrderIsRejectedAndCancelsItsDeadline() {
            placed().andThenAPublished(RESERVATION_FAILED)
                    .whenAggregate(ORDER).publishes(new OrderRejectedEvent(ORDER, OrderReason.OUT_OF_STOCK))
                    .expectActiveSagas(0)
                    .expectNoScheduledDeadlines();
        }

        @Test
        void releasesTheStockWhenPaymentIsDeclined() {
            reserved().whenPublishingA(DECLINED)
                      .expectDispatchedCommands(RELEASE_STOCK);
        }

        @Test
        void rejectsTheOrderForItsPaymentOnlyOnceTheStockIsReleased() {
            reserved().andThenAPublished(DECLINED)
                      .whenPublishingA(RELEASED)
                      .expectDispatchedCommands(new RejectOrderCommand(ORDER, OrderReason.PAYMENT_DECLINED));
        }

        @Test
        void keepsResendingTheReleaseAfterADeclineUntilStockAnswers() throws Exception {
            reserved().andThenAPublished(DECLINED)
                      .andThenTimeElapses(DEADLINE)
                      .whenTimeElapses(RESEND)
                      .expectDispatchedCommands(RELEASE_STOCK)
                      .expectScheduledDeadline(RESEND, ORDER_DEADLINE)
                      .expectActiveSagas(1);
        }

        @Test
        void endsWhenAnOrderRejectedForItsPaymentIsRejected() {
            reserved().andThenAPublished(DECLINED).andThenAPublished(RELEASED)
                      .whenAggregate(ORDER).publishes(new OrderRejectedEvent(ORDER, OrderReason.PAYMENT_DECLINED))
                      .expectActiveSagas(0)
                      .expectNoScheduledDeadlines();
        }
    }

    @Nested
    class WhenTheCustomerCancels {

        @Test
        void withdrawsTheUnansweredReservationAndCancelsAtOnceRightAfterPlacement() {
            placed().whenAggregate(ORDER).publishes(CANCELLATION_REQUESTED)
                    .expectDispatchedCommands(RELEASE_STOCK,
                                              new CancelOrderCommand(ORDER, OrderReason.CANCELLED_BY_CUSTOMER));
        }

        @Test
        void voidsThePaymentAndReleasesTheStockOnceReservedAndCancelsWhenTheStockIsReleased() {
            reserved().whenAggregate(ORDER).publishes(CANCELLATION_REQUESTED)
                      .expectDispatchedCommands(VOID_PAYMENT, RELEASE_STOCK);
        }

        @Test
        void cancelsAReservedOrderOnceTheStockIsReleasedWithoutWaitingForAnUnansweredPayment() {
            reserved().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .whenPublishingA(RELEASED)
                      .expectDispatchedCommands(new CancelOrderCommand(ORDER, OrderReason.CANCELLED_BY_CUSTOMER));
        }

        @Test
        void cancelsTheShipmentFirstOnceAuthorized() {
            authorized().whenAggregate(ORDER).publishes(CANCELLATION_REQUESTED)
                        .expectDispatchedCommands(CANCEL_SHIPMENT);
        }

        @Test
        void cancelsTheShipmentFirstOnceItIsPrepared() {
            prepared().whenAggregate(ORDER).publishes(CANCELLATION_REQUESTED)
                      .expectDispatchedCommands(CANCEL_SHIPMENT);
        }

        @Test
        void voidsThePaymentAndReleasesTheStockOnlyOnceTheShipmentIsCancelled() {
            prepared().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .whenPublishingA(SHIPMENT_CANCELLED)
                      .expectDispatchedCommands(VOID_PAYMENT, RELEASE_STOCK);
        }

        @Test
        void waitsForBothTheVoidAndTheReleaseOfWhatWasAuthorizedAndReserved() {
            prepared().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .andThenAPublished(SHIPMENT_CANCELLED)
                      .whenPublishingA(VOIDED)
                      .expectNoDispatchedCommands();
        }

        @Test
        void cancelsTheOrderWhenNothingItHeldRemains() {
            prepared().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .andThenAPublished(SHIPMENT_CANCELLED)
                      .andThenAPublished(VOIDED)
                      .whenPublishingA(RELEASED)
                      .expectDispatchedCommands(new CancelOrderCommand(ORDER, OrderReason.CANCELLED_BY_CUSTOMER));
        }

        @Test
        void staysAfterTheCancellationUntilTheWithdrawnReservationIsConfirmedReleased() {
            placed().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                    .whenAggregate(ORDER).publishes(new OrderCancelledEvent(ORDER, OrderReason.CANCELLED_BY_CUSTOMER))
                    .expectActiveSagas(1)
                    .expectNoDispatchedCommands();
        }

        @Test
        void endsWhenTheWithdrawnReservationIsReleasedAfterTheCancellationAndCancelsItsDeadline() {
            placed().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                    .andThenAggregate(ORDER).published(new OrderCancelledEvent(ORDER, OrderReason.CANCELLED_BY_CUSTOMER))
                    .whenPublishingA(new StockReleasedEvent(ORDER, List.of()))
                    .expectActiveSagas(0)
                    .expectNoScheduledDeadlines();
        }

        @Test
        void resendsTheWithdrawalUntilItIsConfirmed() {
            placed().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                    .andThenAggregate(ORDER).published(new OrderCancelledEvent(ORDER, OrderReason.CANCELLED_BY_CUSTOMER))
                    .whenTimeElapses(DEADLINE)
                    .expectDispatchedCommands(RELEASE_STOCK)
                    .expectActiveSagas(1);
        }

        @Test
        void endsAtOnceWhenTheCancelledOrderHoldsNothingUnconfirmed() {
            reserved().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .andThenAPublished(RELEASED)
                      .andThenAPublished(new PaymentVoidedEvent(CUSTOMER, ORDER, BigDecimal.ZERO))
                      .whenAggregate(ORDER).publishes(new OrderCancelledEvent(ORDER, OrderReason.CANCELLED_BY_CUSTOMER))
                      .expectActiveSagas(0)
                      .expectNoScheduledDeadlines();
        }

        @Test
        void completesTheOrderWhenTheShipmentWasDispatchedBeforeItsCancellation() {
            prepared().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .whenPublishingA(DISPATCHED)
                      .expectDispatchedCommands(CAPTURE_PAYMENT, MARK_SHIPPED);
        }

        @Test
        void finishesTheCompletionOfAnOrderWhoseCancellationLostTheRaceToDispatch() {
            prepared().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .andThenAPublished(DISPATCHED)
                      .andThenAPublished(CAPTURED)
                      .whenAggregate(ORDER).publishes(SHIPPED)
                      .expectDispatchedCommands(COMPLETE_ORDER);
        }

        @Test
        void ignoresACancellationRequestThatArrivesAfterDispatch() {
            dispatched().whenAggregate(ORDER).publishes(CANCELLATION_REQUESTED)
                        .expectNoDispatchedCommands();
        }
    }

    @Nested
    class WhenTheDeadlinePasses {

        @Test
        void withdrawsTheUnansweredReservationAndCancelsTheOrderForTimeout() {
            placed().whenTimeElapses(DEADLINE)
                    .expectTriggeredDeadlines(ORDER_DEADLINE)
                    .expectDispatchedCommands(RELEASE_STOCK, new CancelOrderCommand(ORDER, OrderReason.TIMEOUT))
                    .expectScheduledDeadline(RESEND, ORDER_DEADLINE);
        }

        @Test
        void voidsThePaymentAndReleasesTheStockAfterTheReservation() {
            reserved().whenTimeElapses(DEADLINE)
                      .expectDispatchedCommands(VOID_PAYMENT, RELEASE_STOCK)
                      .expectScheduledDeadline(RESEND, ORDER_DEADLINE);
        }

        @Test
        void cancelsTheOrderForTimeoutOnceTheStockIsReleased() throws Exception {
            reserved().andThenTimeElapses(DEADLINE)
                      .whenPublishingA(RELEASED)
                      .expectDispatchedCommands(new CancelOrderCommand(ORDER, OrderReason.TIMEOUT));
        }

        @Test
        void cancelsTheShipmentFirstAfterTheAuthorization() {
            authorized().whenTimeElapses(DEADLINE)
                        .expectDispatchedCommands(CANCEL_SHIPMENT)
                        .expectScheduledDeadline(RESEND, ORDER_DEADLINE);
        }

        @Test
        void resendsTheShipmentCancellationUntilFulfillmentAnswers() throws Exception {
            authorized().andThenTimeElapses(DEADLINE)
                        .whenTimeElapses(RESEND)
                        .expectDispatchedCommands(CANCEL_SHIPMENT)
                        .expectScheduledDeadline(RESEND, ORDER_DEADLINE);
        }

        @Test
        void resendsTheVoidAndTheReleaseUntilTheyAreAnswered() throws Exception {
            prepared().andThenTimeElapses(DEADLINE)
                      .andThenAPublished(SHIPMENT_CANCELLED)
                      .whenTimeElapses(RESEND)
                      .expectDispatchedCommands(VOID_PAYMENT, RELEASE_STOCK);
        }

        @Test
        void resendsTheCancellationOfTheOrderUntilItIsCancelled() throws Exception {
            placed().andThenTimeElapses(DEADLINE)
                    .whenTimeElapses(RESEND)
                    .expectDispatchedCommands(RELEASE_STOCK, new CancelOrderCommand(ORDER, OrderReason.TIMEOUT));
        }

        @Test
        void resendsCaptureAndShippedMarkAfterDispatchInsteadOfCancelling() {
            dispatched().whenTimeElapses(DEADLINE)
                        .expectDispatchedCommands(CAPTURE_PAYMENT, MARK_SHIPPED)
                        .expectScheduledDeadline(RESEND, ORDER_DEADLINE)
                        .expectActiveSagas(1);
        }

        @Test
        void resendsOnlyWhatIsStillUnansweredAfterDispatch() {
            dispatched().andThenAggregate(ORDER).published(SHIPPED)
                        .whenTimeElapses(DEADLINE)
                        .expectDispatchedCommands(CAPTURE_PAYMENT);
        }

        @Test
        void resendsTheCompletionUntilTheOrderIsCompleted() {
            dispatched().andThenAggregate(ORDER).published(SHIPPED).andThenAPublished(CAPTURED)
                        .whenTimeElapses(DEADLINE)
                        .expectDispatchedCommands(COMPLETE_ORDER)
                        .expectScheduledDeadline(RESEND, ORDER_DEADLINE);
        }

        @Test
        void completesTheOrderWhenTheShipmentIsDispatchedWhileItsCancellationIsPending() throws Exception {
            prepared().andThenTimeElapses(DEADLINE)
                      .whenPublishingA(DISPATCHED)
                      .expectDispatchedCommands(CAPTURE_PAYMENT, MARK_SHIPPED);
        }

        @Test
        void keepsTheFirstReasonWhenTheCustomerCancelsAfterTheTimeout() throws Exception {
            reserved().andThenTimeElapses(DEADLINE)
                      .andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .whenPublishingA(RELEASED)
                      .expectDispatchedCommands(new CancelOrderCommand(ORDER, OrderReason.TIMEOUT));
        }

        @Test
        void endsWhenTheTimedOutOrderIsCancelledAndItsReservationReleasedAndCancelsTheRescheduledDeadline()
                throws Exception {
            placed().andThenTimeElapses(DEADLINE)
                    .andThenAggregate(ORDER).published(new OrderCancelledEvent(ORDER, OrderReason.TIMEOUT))
                    .whenPublishingA(new StockReleasedEvent(ORDER, List.of()))
                    .expectActiveSagas(0)
                    .expectNoScheduledDeadlines();
        }
    }

    @Nested
    class WhenAMessageArrivesTwiceOrLate {

        /**
         * The batch that handled the dispatch sent the capture, then rolled back; read again, the saga hears of the
         * capture (another topic) before the dispatch. Only a dispatch leads to a capture, so it counts.
         */
        @Test
        void completesTheOrderWhenTheCaptureIsHeardOfBeforeTheDispatch() {
            prepared().andThenAPublished(CAPTURED)
                      .andThenAPublished(DISPATCHED)
                      .whenAggregate(ORDER).publishes(SHIPPED)
                      .expectDispatchedCommands(COMPLETE_ORDER);
        }

        @Test
        void capturesNothingTwiceWhenTheCaptureIsHeardOfBeforeTheDispatch() {
            prepared().andThenAPublished(CAPTURED)
                      .whenPublishingA(DISPATCHED)
                      .expectDispatchedCommands(MARK_SHIPPED);
        }

        @Test
        void aDuplicatePlacementSendsNothing() {
            placed().whenAggregate(ORDER).publishes(PLACED)
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1)
                    .expectScheduledDeadline(DEADLINE, ORDER_DEADLINE);
        }

        @Test
        void aDuplicateReservationSendsNothing() {
            reserved().whenPublishingA(RESERVED).expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateReservationFailureSendsNothing() {
            placed().andThenAPublished(RESERVATION_FAILED).whenPublishingA(RESERVATION_FAILED)
                    .expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateAuthorizationSendsNothing() {
            authorized().whenPublishingA(AUTHORIZED).expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateDeclineSendsNothing() {
            reserved().andThenAPublished(DECLINED).whenPublishingA(DECLINED).expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateConfirmationSendsNothing() {
            authorized().whenAggregate(ORDER).publishes(CONFIRMED).expectNoDispatchedCommands();
        }

        @Test
        void aDuplicatePreparationSendsNothing() {
            prepared().whenPublishingA(PREPARED).expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateDispatchSendsNothing() {
            dispatched().whenPublishingA(DISPATCHED).expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateCaptureSendsNothing() {
            dispatched().andThenAggregate(ORDER).published(SHIPPED).andThenAPublished(CAPTURED)
                        .whenPublishingA(CAPTURED).expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateShippedMarkSendsNothing() {
            dispatched().andThenAggregate(ORDER).published(SHIPPED).andThenAPublished(CAPTURED)
                        .whenAggregate(ORDER).publishes(SHIPPED).expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateCancellationRequestSendsNothing() {
            prepared().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .whenAggregate(ORDER).publishes(CANCELLATION_REQUESTED).expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateShipmentCancellationSendsNothing() {
            prepared().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .andThenAPublished(SHIPMENT_CANCELLED)
                      .whenPublishingA(SHIPMENT_CANCELLED).expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateVoidSendsNothing() {
            prepared().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .andThenAPublished(SHIPMENT_CANCELLED).andThenAPublished(VOIDED)
                      .whenPublishingA(VOIDED).expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateReleaseSendsNothing() {
            reserved().andThenAPublished(DECLINED).andThenAPublished(RELEASED)
                      .whenPublishingA(RELEASED).expectNoDispatchedCommands();
        }

        @Test
        void aReservationArrivingAfterItWasWithdrawnSendsNothing() throws Exception {
            placed().andThenTimeElapses(DEADLINE)
                    .whenPublishingA(RESERVED).expectNoDispatchedCommands();
        }

        @Test
        void anAuthorizationArrivingAfterItWasWithdrawnSendsNothing() {
            reserved().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .whenPublishingA(AUTHORIZED).expectNoDispatchedCommands();
        }

        @Test
        void aPreparationArrivingAfterTheShipmentCancellationWasRequestedSendsNothing() {
            authorized().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                        .whenPublishingA(PREPARED).expectNoDispatchedCommands();
        }

        @Test
        void aConfirmationArrivingDuringCompensationSendsNothing() {
            reserved().andThenAPublished(AUTHORIZED)
                      .andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .whenAggregate(ORDER).publishes(CONFIRMED).expectNoDispatchedCommands();
        }

        @Test
        void aDeclineArrivingAfterTheVoidWasSentSendsNothingMore() {
            reserved().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .whenPublishingA(DECLINED).expectNoDispatchedCommands();
        }

        @Test
        void aVoidArrivingAfterTheOrderCancellationWasSentSendsNothing() {
            reserved().andThenAggregate(ORDER).published(CANCELLATION_REQUESTED)
                      .andThenAPublished(RELEASED)
                      .whenPublishingA(VOIDED).expectNoDispatchedCommands();
        }
    }
}
