package io.orderflow.fulfillment.command;

import io.orderflow.fulfillment.api.CancelShipmentCommand;
import io.orderflow.fulfillment.api.DispatchShipmentCommand;
import io.orderflow.fulfillment.api.FulfillmentErrorCode;
import io.orderflow.fulfillment.api.ReleaseStockCommand;
import io.orderflow.fulfillment.api.ReserveStockCommand;
import io.orderflow.fulfillment.api.ShipmentCancelledEvent;
import io.orderflow.fulfillment.api.ShipmentDeliveredEvent;
import io.orderflow.fulfillment.api.ShipmentDispatchedEvent;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.api.StockAllocatedEvent;
import io.orderflow.fulfillment.api.StockLine;
import io.orderflow.fulfillment.api.StockReceivedEvent;
import io.orderflow.fulfillment.api.StockReleasedEvent;
import io.orderflow.fulfillment.api.StockReservedEvent;
import io.orderflow.fulfillment.api.StockShippedEvent;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DispatchCommandHandlerTest {

    private static final List<StockLine> LINES = List.of(new StockLine("b", 1), new StockLine("a", 2));

    private final FulfillmentCommands fulfillment = new FulfillmentCommands();

    @AfterEach
    void tearDown() {
        fulfillment.close();
    }

    private FulfillmentCommands givenOrderO1ReservedAndShipmentS1Prepared() {
        return fulfillment.givenStock("a", new StockReceivedEvent("a", 5), new StockAllocatedEvent("a", "o1", 2))
                          .givenStock("b", new StockReceivedEvent("b", 1), new StockAllocatedEvent("b", "o1", 1))
                          .givenReservation("o1", new StockReservedEvent("o1", LINES))
                          .givenShipment("s1", new ShipmentPreparedEvent("s1", "o1", LINES));
    }

    @Test
    void dispatchesAPreparedShipmentWithItsGoodsOutOfStock() {
        givenOrderO1ReservedAndShipmentS1Prepared();

        assertThat(fulfillment.when(new DispatchShipmentCommand("s1")))
                .containsExactly(new StockShippedEvent("a", "o1", 2), new StockShippedEvent("b", "o1", 1),
                                 new ReservationShippedEvent("o1", "s1"),
                                 new ShipmentDispatchedEvent("s1", "o1", LINES));
        assertThat(fulfillment.lastResult()).isEqualTo(ShipmentStatus.DISPATCHED);
        assertThat(fulfillment.when(new ReserveStockCommand("o2", List.of(new StockLine("a", 3)))))
                .endsWith(new StockReservedEvent("o2", List.of(new StockLine("a", 3))));
    }

    @Test
    void keepsAShippedReservationFromBeingReleased() {
        givenOrderO1ReservedAndShipmentS1Prepared();
        fulfillment.when(new DispatchShipmentCommand("s1"));

        assertThat(fulfillment.when(new ReleaseStockCommand("o1"))).isEmpty();
    }

    @Test
    void refusesToCancelAShipmentOnceDispatched() {
        givenOrderO1ReservedAndShipmentS1Prepared();
        fulfillment.when(new DispatchShipmentCommand("s1"));

        assertRefused(() -> fulfillment.when(new CancelShipmentCommand("s1", "o1")),
                      FulfillmentErrorCode.SHIPMENT_ALREADY_DISPATCHED);
    }

    @Test
    void ignoresDispatchingAShipmentThatLeftAlready() {
        givenOrderO1ReservedAndShipmentS1Prepared();
        fulfillment.givenShipment("s1", new ShipmentDispatchedEvent("s1", "o1", LINES));

        assertThat(fulfillment.when(new DispatchShipmentCommand("s1"))).isEmpty();
        assertThat(fulfillment.lastResult()).isEqualTo(ShipmentStatus.DISPATCHED);

        fulfillment.givenShipment("s1", new ShipmentDeliveredEvent("s1", "o1"));
        assertThat(fulfillment.when(new DispatchShipmentCommand("s1"))).isEmpty();
        assertThat(fulfillment.lastResult()).isEqualTo(ShipmentStatus.DELIVERED);
    }

    @Test
    void refusesToDispatchACancelledShipment() {
        fulfillment.givenShipment("s1", new ShipmentCancelledEvent("s1", "o1"));

        assertRefused(() -> fulfillment.when(new DispatchShipmentCommand("s1")),
                      FulfillmentErrorCode.SHIPMENT_STATE_CONFLICT);
    }

    @Test
    void answersNotFoundForAnUnknownShipment() {
        assertRefused(() -> fulfillment.when(new DispatchShipmentCommand("s1")),
                      FulfillmentErrorCode.SHIPMENT_NOT_FOUND);
    }

    @Test
    void refusesToDispatchGoodsTheOrderDoesNotHoldInReserve() {
        fulfillment.givenShipment("s1", new ShipmentPreparedEvent("s1", "o1", LINES));
        assertRefused(() -> fulfillment.when(new DispatchShipmentCommand("s1")),
                      FulfillmentErrorCode.SHIPMENT_STATE_CONFLICT);

        fulfillment.givenReservation("o1", new StockReleasedEvent("o1", List.of()));
        assertRefused(() -> fulfillment.when(new DispatchShipmentCommand("s1")),
                      FulfillmentErrorCode.SHIPMENT_STATE_CONFLICT);
    }

    @Test
    void refusesToDispatchOtherGoodsThanTheOrderReserved() {
        fulfillment.givenStock("a", new StockReceivedEvent("a", 5), new StockAllocatedEvent("a", "o1", 2))
                   .givenReservation("o1", new StockReservedEvent("o1", List.of(new StockLine("a", 2))))
                   .givenShipment("s1", new ShipmentPreparedEvent("s1", "o1", List.of(new StockLine("a", 3))));

        assertRefused(() -> fulfillment.when(new DispatchShipmentCommand("s1")),
                      FulfillmentErrorCode.SHIPMENT_STATE_CONFLICT);
    }

    private static void assertRefused(ThrowingCallable command, FulfillmentErrorCode code) {
        assertThatThrownBy(command).isInstanceOfSatisfying(
                CommandExecutionException.class, e -> assertThat(e.getDetails()).contains(code));
    }
}
