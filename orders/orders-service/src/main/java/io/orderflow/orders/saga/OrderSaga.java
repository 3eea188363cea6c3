package io.orderflow.orders.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.orderflow.fulfillment.api.CancelShipmentCommand;
import io.orderflow.fulfillment.api.PrepareShipmentCommand;
import io.orderflow.fulfillment.api.ReleaseStockCommand;
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
import io.orderflow.payments.api.PaymentAuthorizedEvent;
import io.orderflow.payments.api.PaymentCapturedEvent;
import io.orderflow.payments.api.PaymentDeclinedEvent;
import io.orderflow.payments.api.PaymentVoidedEvent;
import io.orderflow.payments.api.VoidPaymentCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.List;

/**
 * The order transaction across stock, payment and shipment, as a state machine.
 * <p>
 * Each event only moves the state of one participant ({@link StockState}, {@link PaymentState},
 * {@link ShipmentState}, the order's own {@link Step}s) or the {@link Goal}; then {@link #advance} decides what to
 * send. A command is sent only on the transition into a {@code *_REQUESTED} state, so an event received twice, late
 * or out of order sends nothing twice. The goal is to complete the order until stock or payment refuses it, the
 * customer cancels it or its deadline passes; then it is to compensate, in an order that never releases money or
 * stock while goods may still leave: first the shipment is cancelled and its answer awaited, then the payment is
 * voided and the stock released. A dispatch ends every compensation: the goods left, so the order completes.
 * <p>
 * Compensation waits for the answers of the participants that acknowledged the request it undoes (reserved,
 * authorized, requested shipment). A stock or payment request that was never answered is withdrawn without waiting:
 * its compensating command overtakes it at the participant (a release before the reservation, a void before the
 * authorization turns the late original into a no-op), and the order must not wait for a participant that may never
 * have heard of it. The saga itself stays after the order's outcome until those participants confirm that they hold
 * nothing of the order, resending the withdrawal on its deadline, so nothing is left reserved or authorized even if
 * a participant was down for longer than the command retries. A shipment is always awaited before the outcome,
 * because only its answer tells whether the goods left.
 * <p>
 * Its deadline bounds the time to dispatch. After it passed, or once dispatched, it fires every
 * {@link OrderSagaProperties#resendInterval()} to resend the commands still unanswered, until the saga ends.
 * <p>
 * Stored as JSON: its fields are its state, and it holds no references to infrastructure.
 */
@ProcessingGroup(OrderSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class OrderSaga {

    public static final String PROCESSING_GROUP = "order-saga";
    public static final String ORDER_ID = "orderId";
    public static final String ORDER_DEADLINE = "order-deadline";
    public static final String SHIPMENT_ID_PREFIX = "shp-";

    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

    enum Goal { COMPLETE, COMPENSATE }

    /** {@code WITHDRAWN}: released before any answer to the reservation; not awaited. */
    enum StockState { NONE, REQUESTED, RESERVED, FAILED, RELEASE_REQUESTED, WITHDRAWN, RELEASED }

    /** {@code WITHDRAWN}: voided before any answer to the authorization; not awaited. */
    enum PaymentState {
        NONE, REQUESTED, AUTHORIZED, DECLINED, CAPTURE_REQUESTED, CAPTURED, VOID_REQUESTED, WITHDRAWN, VOIDED
    }

    enum ShipmentState { NONE, REQUESTED, PREPARED, DISPATCHED, CANCEL_REQUESTED, CANCELLED }

    /** A command to the order itself: not sent, sent, answered by its event. */
    enum Step { NONE, REQUESTED, DONE }

    private String orderId;
    private String customerId;
    private List<OrderLine> lines;
    private BigDecimal total;
    private Goal goal = Goal.COMPLETE;
    private OrderReason reason;
    private StockState stock = StockState.NONE;
    private PaymentState payment = PaymentState.NONE;
    private ShipmentState shipment = ShipmentState.NONE;
    private Step confirmation = Step.NONE;
    private Step shippedMark = Step.NONE;
    private Step conclusion = Step.NONE;
    /** The one deadline scheduled: cancelled by id, as finding a deadline by its scope means reading all of them. */
    private String deadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderPlacedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   OrderSagaProperties properties) {
        if (orderId != null) {
            return;
        }
        orderId = event.orderId();
        customerId = event.customerId();
        lines = List.copyOf(event.lines());
        total = event.total();
        deadlineId = deadlines.schedule(properties.deadline(), ORDER_DEADLINE, new OrderDeadline(orderId));
        advance(commands);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReservedEvent event, CommandGateway commands) {
        if (stock == StockState.REQUESTED) {
            stock = StockState.RESERVED;
        }
        advance(commands);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReservationFailedEvent event, CommandGateway commands, DeadlineManager deadlines) {
        if (stock == StockState.REQUESTED || stock == StockState.WITHDRAWN) {
            stock = StockState.FAILED;
            compensate(OrderReason.OUT_OF_STOCK);
        }
        advance(commands);
        endIfSettled(deadlines);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReleasedEvent event, CommandGateway commands, DeadlineManager deadlines) {
        if (stock == StockState.RELEASE_REQUESTED || stock == StockState.WITHDRAWN) {
            stock = StockState.RELEASED;
        }
        advance(commands);
        endIfSettled(deadlines);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentAuthorizedEvent event, CommandGateway commands) {
        if (payment == PaymentState.REQUESTED) {
            payment = PaymentState.AUTHORIZED;
        }
        advance(commands);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentDeclinedEvent event, CommandGateway commands, DeadlineManager deadlines) {
        if (payment == PaymentState.REQUESTED || payment == PaymentState.WITHDRAWN
                || payment == PaymentState.VOID_REQUESTED) {
            payment = PaymentState.DECLINED;
            compensate(OrderReason.PAYMENT_DECLINED);
        }
        advance(commands);
        endIfSettled(deadlines);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentVoidedEvent event, CommandGateway commands, DeadlineManager deadlines) {
        if (payment == PaymentState.VOID_REQUESTED || payment == PaymentState.WITHDRAWN) {
            payment = PaymentState.VOIDED;
        }
        advance(commands);
        endIfSettled(deadlines);
    }

    /**
     * Only a dispatch leads to a capture, so a capture counts even before the dispatch is heard of: the batch that
     * handled the dispatch may have sent the capture and rolled back, and read again, the saga may hear of the capture
     * (another topic) first. Payments answers a repeated capture with no second event, so ignoring this one would
     * leave the order waiting for ever.
     */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentCapturedEvent event, CommandGateway commands) {
        if (payment == PaymentState.CAPTURE_REQUESTED || payment == PaymentState.AUTHORIZED) {
            payment = PaymentState.CAPTURED;
        }
        advance(commands);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(ShipmentPreparedEvent event, CommandGateway commands) {
        if (shipment == ShipmentState.REQUESTED) {
            shipment = ShipmentState.PREPARED;
        }
        advance(commands);
    }

    /** The goods left: whatever was being compensated, the order now completes. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(ShipmentDispatchedEvent event, CommandGateway commands) {
        if (shipment == ShipmentState.REQUESTED || shipment == ShipmentState.PREPARED
                || shipment == ShipmentState.CANCEL_REQUESTED) {
            shipment = ShipmentState.DISPATCHED;
            goal = Goal.COMPLETE;
            reason = null;
        }
        advance(commands);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(ShipmentCancelledEvent event, CommandGateway commands) {
        if (shipment == ShipmentState.REQUESTED || shipment == ShipmentState.PREPARED
                || shipment == ShipmentState.CANCEL_REQUESTED) {
            shipment = ShipmentState.CANCELLED;
        }
        advance(commands);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderConfirmedEvent event, CommandGateway commands) {
        confirmation = Step.DONE;
        advance(commands);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderShippedEvent event, CommandGateway commands) {
        shippedMark = Step.DONE;
        advance(commands);
    }

    /** A request that raced the dispatch is void: the goods left. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCancellationRequestedEvent event, CommandGateway commands) {
        if (shipment != ShipmentState.DISPATCHED) {
            compensate(OrderReason.CANCELLED_BY_CUSTOMER);
        }
        advance(commands);
    }

    @DeadlineHandler(deadlineName = ORDER_DEADLINE)
    public void on(OrderDeadline deadline, CommandGateway commands, DeadlineManager deadlines,
                   OrderSagaProperties properties) {
        if (goal == Goal.COMPLETE && shipment != ShipmentState.DISPATCHED) {
            compensate(OrderReason.TIMEOUT);
            advance(commands);
        } else {
            resendPending(commands);
        }
        deadlineId = deadlines.schedule(properties.resendInterval(), ORDER_DEADLINE, deadline);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCompletedEvent event, DeadlineManager deadlines) {
        end(deadlines);
    }

    /** The order is rejected; the saga ends once no withdrawn request can still take effect. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderRejectedEvent event, DeadlineManager deadlines) {
        conclusion = Step.DONE;
        endIfSettled(deadlines);
    }

    /** The order is cancelled; the saga ends once no withdrawn request can still take effect. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCancelledEvent event, DeadlineManager deadlines) {
        conclusion = Step.DONE;
        endIfSettled(deadlines);
    }

    /** The first reason to compensate wins; once dispatched there is nothing to compensate. */
    private void compensate(OrderReason why) {
        if (goal == Goal.COMPLETE && shipment != ShipmentState.DISPATCHED) {
            goal = Goal.COMPENSATE;
            reason = why;
        }
    }

    private void advance(CommandGateway commands) {
        if (conclusion != Step.NONE) {
            return;
        }
        if (goal == Goal.COMPLETE) {
            advanceToCompletion(commands);
        } else {
            advanceCompensation(commands);
        }
    }

    private void advanceToCompletion(CommandGateway commands) {
        if (stock == StockState.NONE) {
            stock = StockState.REQUESTED;
            send(commands, reserveStock());
        }
        if (stock == StockState.RESERVED && payment == PaymentState.NONE) {
            payment = PaymentState.REQUESTED;
            send(commands, authorizePayment());
        }
        if (payment == PaymentState.AUTHORIZED && confirmation == Step.NONE) {
            confirmation = Step.REQUESTED;
            send(commands, new ConfirmOrderCommand(orderId));
        }
        if (payment == PaymentState.AUTHORIZED && shipment == ShipmentState.NONE) {
            shipment = ShipmentState.REQUESTED;
            send(commands, prepareShipment());
        }
        if (shipment == ShipmentState.DISPATCHED) {
            if (payment == PaymentState.AUTHORIZED) {
                payment = PaymentState.CAPTURE_REQUESTED;
                send(commands, capturePayment());
            }
            if (shippedMark == Step.NONE) {
                shippedMark = Step.REQUESTED;
                send(commands, markShipped());
            }
            if (payment == PaymentState.CAPTURED && shippedMark == Step.DONE) {
                conclusion = Step.REQUESTED;
                send(commands, conclude());
            }
        }
    }

    private void advanceCompensation(CommandGateway commands) {
        if (shipment == ShipmentState.REQUESTED || shipment == ShipmentState.PREPARED) {
            shipment = ShipmentState.CANCEL_REQUESTED;
            send(commands, cancelShipment());
        }
        if (shipment == ShipmentState.CANCEL_REQUESTED) {
            return;
        }
        if (payment == PaymentState.AUTHORIZED) {
            payment = PaymentState.VOID_REQUESTED;
            send(commands, voidPayment());
        } else if (payment == PaymentState.REQUESTED) {
            payment = PaymentState.WITHDRAWN;
            send(commands, voidPayment());
        }
        if (stock == StockState.RESERVED) {
            stock = StockState.RELEASE_REQUESTED;
            send(commands, releaseStock());
        } else if (stock == StockState.REQUESTED) {
            stock = StockState.WITHDRAWN;
            send(commands, releaseStock());
        }
        if (payment != PaymentState.VOID_REQUESTED && stock != StockState.RELEASE_REQUESTED) {
            conclusion = Step.REQUESTED;
            send(commands, conclude());
        }
    }

    private void resendPending(CommandGateway commands) {
        if (shipment == ShipmentState.CANCEL_REQUESTED) {
            send(commands, cancelShipment());
        }
        if (payment == PaymentState.VOID_REQUESTED || payment == PaymentState.WITHDRAWN) {
            send(commands, voidPayment());
        }
        if (payment == PaymentState.CAPTURE_REQUESTED) {
            send(commands, capturePayment());
        }
        if (stock == StockState.RELEASE_REQUESTED || stock == StockState.WITHDRAWN) {
            send(commands, releaseStock());
        }
        if (shippedMark == Step.REQUESTED) {
            send(commands, markShipped());
        }
        if (conclusion == Step.REQUESTED) {
            send(commands, conclude());
        }
    }

    private void end(DeadlineManager deadlines) {
        if (deadlineId != null) {
            deadlines.cancelSchedule(ORDER_DEADLINE, deadlineId);
            deadlineId = null;
        }
    }

    /**
     * After a rejection or cancellation: a stock or payment request withdrawn without an answer could still be
     * taking effect at its participant (or the withdrawal could still be on its way), so the saga stays, resending
     * the withdrawal on its deadline, until the participant confirms that nothing of the order is held.
     */
    private void endIfSettled(DeadlineManager deadlines) {
        if (conclusion == Step.DONE && stock != StockState.WITHDRAWN && payment != PaymentState.WITHDRAWN) {
            end(deadlines);
            SagaLifecycle.end();
        }
    }

    private ReserveStockCommand reserveStock() {
        return new ReserveStockCommand(orderId, lines.stream().map(l -> new StockLine(l.sku(), l.quantity())).toList());
    }

    private ReleaseStockCommand releaseStock() {
        return new ReleaseStockCommand(orderId);
    }

    private AuthorizePaymentCommand authorizePayment() {
        return new AuthorizePaymentCommand(customerId, orderId, total);
    }

    private CapturePaymentCommand capturePayment() {
        return new CapturePaymentCommand(customerId, orderId);
    }

    private VoidPaymentCommand voidPayment() {
        return new VoidPaymentCommand(customerId, orderId);
    }

    private PrepareShipmentCommand prepareShipment() {
        return new PrepareShipmentCommand(shipmentId(), orderId,
                                          lines.stream().map(l -> new StockLine(l.sku(), l.quantity())).toList());
    }

    private CancelShipmentCommand cancelShipment() {
        return new CancelShipmentCommand(shipmentId(), orderId);
    }

    private MarkOrderShippedCommand markShipped() {
        return new MarkOrderShippedCommand(orderId, shipmentId());
    }

    private Object conclude() {
        if (goal == Goal.COMPLETE) {
            return new CompleteOrderCommand(orderId);
        }
        return reason == OrderReason.OUT_OF_STOCK || reason == OrderReason.PAYMENT_DECLINED
                ? new RejectOrderCommand(orderId, reason)
                : new CancelOrderCommand(orderId, reason);
    }

    private String shipmentId() {
        return SHIPMENT_ID_PREFIX + orderId;
    }

    /** @return the failure's message and those of its causes: a dispatch failure's own message says little */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" ← ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    /**
     * Sent asynchronously: the gateway retries transient failures; what is still unanswered when the deadline fires
     * is compensated or sent again. A failure is never the handler's: it would only roll back the state change.
     */
    private static void send(CommandGateway commands, Object command) {
        try {
            commands.send(command).whenComplete((result, failure) -> {
                if (failure != null) {
                    log.warn("{} failed: {}", command, causes(failure));
                }
            });
        } catch (RuntimeException e) {
            log.warn("{} could not be sent: {}", command, e.getMessage());
        }
    }
}
