package io.orderflow.orders.command;

import io.orderflow.orders.api.OrderCancellationRequestedEvent;
import io.orderflow.orders.api.OrderCancelledEvent;
import io.orderflow.orders.api.OrderCompletedEvent;
import io.orderflow.orders.api.OrderConfirmedEvent;
import io.orderflow.orders.api.OrderDeliveredEvent;
import io.orderflow.orders.api.OrderLine;
import io.orderflow.orders.api.OrderPlacedEvent;
import io.orderflow.orders.api.OrderReason;
import io.orderflow.orders.api.OrderRejectedEvent;
import io.orderflow.orders.api.OrderShippedEvent;
import io.orderflow.orders.api.OrderStatus;
import io.orderflow.orders.api.OrdersErrorCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

class OrderTest {

    private static final String ORDER = "o-1";
    private static final String CUSTOMER = "c-1";
    private static final String SHIPMENT = "shp-o-1";
    private static final List<OrderLine> LINES = List.of(new OrderLine("sku-1", 2, new BigDecimal("10.00")),
                                                         new OrderLine("sku-2", 1, new BigDecimal("5.50")));
    private static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER, CUSTOMER, LINES, new BigDecimal("25.50"));
    private static final OrderConfirmedEvent CONFIRMED = new OrderConfirmedEvent(ORDER);
    private static final OrderShippedEvent SHIPPED = new OrderShippedEvent(ORDER, SHIPMENT);
    private static final OrderCompletedEvent COMPLETED = new OrderCompletedEvent(ORDER, new BigDecimal("25.50"));

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    @Test
    void placesAnOrderTotallingItsLines() {
        fixture.givenNoPriorActivity()
               .when(new PlaceOrderCommand(ORDER, CUSTOMER, LINES))
               .expectEvents(PLACED)
               .expectResultMessagePayload(OrderStatus.PLACED);
    }

    @Test
    void totalsToTwoDecimals() {
        fixture.givenNoPriorActivity()
               .when(new PlaceOrderCommand(ORDER, CUSTOMER, List.of(new OrderLine("sku-1", 3, new BigDecimal("1.5")))))
               .expectEvents(new OrderPlacedEvent(ORDER, CUSTOMER, List.of(new OrderLine("sku-1", 3, new BigDecimal("1.5"))),
                                                  new BigDecimal("4.50")));
    }

    @Test
    void placingTheSameOrderAgainChangesNothingAndAnswersItsStatus() {
        fixture.given(PLACED, CONFIRMED)
               .when(new PlaceOrderCommand(ORDER, CUSTOMER, LINES))
               .expectNoEvents()
               .expectResultMessagePayload(OrderStatus.CONFIRMED);
    }

    @Test
    void placingTheSameLinesInAnotherOrderAndScaleIsTheSameOrder() {
        fixture.given(PLACED)
               .when(new PlaceOrderCommand(ORDER, CUSTOMER, List.of(new OrderLine("sku-2", 1, new BigDecimal("5.5")),
                                                                    new OrderLine("sku-1", 2, new BigDecimal("10")))))
               .expectNoEvents()
               .expectResultMessagePayload(OrderStatus.PLACED);
    }

    @Test
    void refusesToReuseAnOrderIdForOtherLines() {
        fixture.given(PLACED)
               .when(new PlaceOrderCommand(ORDER, CUSTOMER, List.of(new OrderLine("sku-1", 3, new BigDecimal("10.00")),
                                                                    new OrderLine("sku-2", 1, new BigDecimal("5.50")))))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(OrdersErrorCode.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void refusesToReuseAnOrderIdForAnotherCustomer() {
        fixture.given(PLACED)
               .when(new PlaceOrderCommand(ORDER, "c-2", LINES))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(OrdersErrorCode.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void refusesToReuseAnOrderIdForFewerLines() {
        fixture.given(PLACED)
               .when(new PlaceOrderCommand(ORDER, CUSTOMER, LINES.subList(0, 1)))
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(OrdersErrorCode.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void confirmsAPlacedOrder() {
        fixture.given(PLACED).when(new ConfirmOrderCommand(ORDER)).expectEvents(CONFIRMED);
    }

    @Test
    void confirmingAgainChangesNothing() {
        fixture.given(PLACED, CONFIRMED).when(new ConfirmOrderCommand(ORDER)).expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void confirmingAnOrderThatShippedOrEndedChangesNothing() {
        fixture.given(PLACED, SHIPPED).when(new ConfirmOrderCommand(ORDER)).expectNoEvents();
        fixture.given(PLACED, new OrderCancelledEvent(ORDER, OrderReason.TIMEOUT)).when(new ConfirmOrderCommand(ORDER))
               .expectNoEvents();
    }

    @Test
    void marksAConfirmedOrderShipped() {
        fixture.given(PLACED, CONFIRMED).when(new MarkOrderShippedCommand(ORDER, SHIPMENT)).expectEvents(SHIPPED);
    }

    @Test
    void marksAnOrderShippedThatIsNotConfirmedYet() {
        fixture.given(PLACED).when(new MarkOrderShippedCommand(ORDER, SHIPMENT)).expectEvents(SHIPPED);
    }

    @Test
    void markingShippedAgainOrAfterTheEndChangesNothing() {
        fixture.given(PLACED, CONFIRMED, SHIPPED).when(new MarkOrderShippedCommand(ORDER, SHIPMENT)).expectNoEvents();
        fixture.given(PLACED, SHIPPED, COMPLETED).when(new MarkOrderShippedCommand(ORDER, SHIPMENT)).expectNoEvents();
        fixture.given(PLACED, new OrderRejectedEvent(ORDER, OrderReason.OUT_OF_STOCK))
               .when(new MarkOrderShippedCommand(ORDER, SHIPMENT)).expectNoEvents();
    }

    @Test
    void completesAShippedOrderWithItsTotal() {
        fixture.given(PLACED, CONFIRMED, SHIPPED).when(new CompleteOrderCommand(ORDER)).expectEvents(COMPLETED);
    }

    @Test
    void completingAgainChangesNothing() {
        fixture.given(PLACED, CONFIRMED, SHIPPED, COMPLETED).when(new CompleteOrderCommand(ORDER)).expectNoEvents()
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesToCompleteAnOrderThatDidNotShip() {
        fixture.given(PLACED, CONFIRMED).when(new CompleteOrderCommand(ORDER))
               .expectNoEvents()
               .expectException(IllegalStateException.class);
    }

    @Test
    void rejectsAnOrderThatDidNotEnd() {
        fixture.given(PLACED).when(new RejectOrderCommand(ORDER, OrderReason.OUT_OF_STOCK))
               .expectEvents(new OrderRejectedEvent(ORDER, OrderReason.OUT_OF_STOCK));
        fixture.given(PLACED, CONFIRMED).when(new RejectOrderCommand(ORDER, OrderReason.PAYMENT_DECLINED))
               .expectEvents(new OrderRejectedEvent(ORDER, OrderReason.PAYMENT_DECLINED));
    }

    @Test
    void rejectingAnOrderThatEndedChangesNothing() {
        fixture.given(PLACED, new OrderRejectedEvent(ORDER, OrderReason.OUT_OF_STOCK))
               .when(new RejectOrderCommand(ORDER, OrderReason.OUT_OF_STOCK)).expectNoEvents();
        fixture.given(PLACED, new OrderCancelledEvent(ORDER, OrderReason.TIMEOUT))
               .when(new RejectOrderCommand(ORDER, OrderReason.PAYMENT_DECLINED)).expectNoEvents();
        fixture.given(PLACED, SHIPPED, COMPLETED)
               .when(new RejectOrderCommand(ORDER, OrderReason.PAYMENT_DECLINED)).expectNoEvents();
    }

    @Test
    void cancelsAnOrderThatDidNotEnd() {
        fixture.given(PLACED).when(new CancelOrderCommand(ORDER, OrderReason.TIMEOUT))
               .expectEvents(new OrderCancelledEvent(ORDER, OrderReason.TIMEOUT));
        fixture.given(PLACED, CONFIRMED, new OrderCancellationRequestedEvent(ORDER))
               .when(new CancelOrderCommand(ORDER, OrderReason.CANCELLED_BY_CUSTOMER))
               .expectEvents(new OrderCancelledEvent(ORDER, OrderReason.CANCELLED_BY_CUSTOMER));
    }

    @Test
    void cancellingAnOrderThatEndedChangesNothing() {
        fixture.given(PLACED, new OrderCancelledEvent(ORDER, OrderReason.TIMEOUT))
               .when(new CancelOrderCommand(ORDER, OrderReason.TIMEOUT)).expectNoEvents();
        fixture.given(PLACED, new OrderRejectedEvent(ORDER, OrderReason.OUT_OF_STOCK))
               .when(new CancelOrderCommand(ORDER, OrderReason.CANCELLED_BY_CUSTOMER)).expectNoEvents();
        fixture.given(PLACED, SHIPPED, COMPLETED)
               .when(new CancelOrderCommand(ORDER, OrderReason.TIMEOUT)).expectNoEvents();
    }

    @Test
    void recordsACustomersCancellationRequestAndAnswersTheStatus() {
        fixture.given(PLACED).when(new RequestOrderCancellationCommand(ORDER, CUSTOMER))
               .expectEvents(new OrderCancellationRequestedEvent(ORDER))
               .expectResultMessagePayload(OrderStatus.PLACED);
        fixture.given(PLACED, CONFIRMED).when(new RequestOrderCancellationCommand(ORDER, CUSTOMER))
               .expectEvents(new OrderCancellationRequestedEvent(ORDER))
               .expectResultMessagePayload(OrderStatus.CONFIRMED);
    }

    @Test
    void answersAnotherCustomersCancellationAsAnUnknownOrderAndLetsOperatorsCancelAny() {
        fixture.given(PLACED).when(new RequestOrderCancellationCommand(ORDER, "someone-else"))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(OrdersErrorCode.ORDER_NOT_FOUND);
        fixture.given(PLACED).when(RequestOrderCancellationCommand.byOperator(ORDER))
               .expectEvents(new OrderCancellationRequestedEvent(ORDER));
    }

    @Test
    void requestingCancellationAgainChangesNothing() {
        fixture.given(PLACED, new OrderCancellationRequestedEvent(ORDER))
               .when(new RequestOrderCancellationCommand(ORDER, CUSTOMER))
               .expectNoEvents()
               .expectResultMessagePayload(OrderStatus.PLACED);
    }

    @ParameterizedTest
    @MethodSource("shippedOrEnded")
    void refusesCancellationOnceShippedOrEnded(List<Object> history) {
        fixture.given(history).when(new RequestOrderCancellationCommand(ORDER, CUSTOMER))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(OrdersErrorCode.ORDER_NOT_CANCELLABLE);
    }

    static Stream<List<Object>> shippedOrEnded() {
        return Stream.of(List.of(PLACED, CONFIRMED, SHIPPED),
                         List.of(PLACED, CONFIRMED, SHIPPED, COMPLETED),
                         List.of(PLACED, new OrderRejectedEvent(ORDER, OrderReason.PAYMENT_DECLINED)),
                         List.of(PLACED, new OrderCancelledEvent(ORDER, OrderReason.CANCELLED_BY_CUSTOMER)));
    }

    @Test
    void recordsTheDeliveryOfACompletedOrderOnce() {
        fixture.given(PLACED, SHIPPED, COMPLETED).when(new MarkOrderDeliveredCommand(ORDER))
               .expectEvents(new OrderDeliveredEvent(ORDER));
        fixture.given(PLACED, SHIPPED, COMPLETED, new OrderDeliveredEvent(ORDER))
               .when(new MarkOrderDeliveredCommand(ORDER)).expectNoEvents();
    }

    @Test
    void recordsTheDeliveryOfAShippedOrderWhosePaymentIsStillBeingCaptured() {
        fixture.given(PLACED, CONFIRMED, SHIPPED).when(new MarkOrderDeliveredCommand(ORDER))
               .expectEvents(new OrderDeliveredEvent(ORDER));
    }

    @Test
    void ignoresADeliveryOfAnOrderThatWasNotShipped() {
        fixture.given(PLACED, CONFIRMED).when(new MarkOrderDeliveredCommand(ORDER)).expectNoEvents()
               .expectSuccessfulHandlerExecution();
        fixture.given(PLACED, new OrderCancelledEvent(ORDER, OrderReason.TIMEOUT))
               .when(new MarkOrderDeliveredCommand(ORDER)).expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource("commandsOnAnExistingOrder")
    void answersNotFoundForAnyCommandButPlacementOnAnUnknownOrder(Object command) {
        fixture.givenNoPriorActivity().when(command).expectException(AggregateNotFoundException.class);
    }

    static Stream<Object> commandsOnAnExistingOrder() {
        return Stream.of(new ConfirmOrderCommand(ORDER), new MarkOrderShippedCommand(ORDER, SHIPMENT),
                         new CompleteOrderCommand(ORDER), new RejectOrderCommand(ORDER, OrderReason.OUT_OF_STOCK),
                         new RequestOrderCancellationCommand(ORDER, CUSTOMER), new CancelOrderCommand(ORDER, OrderReason.TIMEOUT),
                         new MarkOrderDeliveredCommand(ORDER));
    }
}
