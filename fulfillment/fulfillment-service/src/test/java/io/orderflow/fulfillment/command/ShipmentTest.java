package io.orderflow.fulfillment.command;

import io.orderflow.fulfillment.api.CancelShipmentCommand;
import io.orderflow.fulfillment.api.FulfillmentErrorCode;
import io.orderflow.fulfillment.api.MarkShipmentDeliveredCommand;
import io.orderflow.fulfillment.api.PrepareShipmentCommand;
import io.orderflow.fulfillment.api.ShipmentCancelledEvent;
import io.orderflow.fulfillment.api.ShipmentDeliveredEvent;
import io.orderflow.fulfillment.api.ShipmentDispatchedEvent;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.api.StockLine;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class ShipmentTest {

    private static final List<StockLine> LINES = List.of(new StockLine("sku-1", 2), new StockLine("sku-2", 1));

    private AggregateTestFixture<Shipment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Shipment.class);
        fixture.registerAnnotatedCommandHandler(new ShipmentCommandHandler(fixture.getRepository()));
    }

    @Test
    void preparesANewShipment() {
        fixture.givenNoPriorActivity()
               .when(new PrepareShipmentCommand("s1", "o1", LINES))
               .expectEvents(new ShipmentPreparedEvent("s1", "o1", LINES));
    }

    @Test
    void preparesRepeatedSkusAsOneLine() {
        fixture.givenNoPriorActivity()
               .when(new PrepareShipmentCommand("s1", "o1", List.of(new StockLine("sku-1", 2),
                                                                    new StockLine("sku-1", 3))))
               .expectEvents(new ShipmentPreparedEvent("s1", "o1", List.of(new StockLine("sku-1", 5))));
    }

    @Test
    void refusesToPrepareAShipmentWithoutGoods() {
        fixture.givenNoPriorActivity()
               .when(new PrepareShipmentCommand("s1", "o1", List.of()))
               .expectException(IllegalArgumentException.class);
    }

    @Test
    void ignoresASecondPreparation() {
        fixture.given(new ShipmentPreparedEvent("s1", "o1", LINES))
               .when(new PrepareShipmentCommand("s1", "o1", LINES))
               .expectNoEvents();
    }

    @Test
    void doesNotPrepareAShipmentThatWasCancelledFirst() {
        fixture.given(new ShipmentCancelledEvent("s1", "o1"))
               .when(new PrepareShipmentCommand("s1", "o1", LINES))
               .expectNoEvents();
    }

    @Test
    void cancelsAPreparedShipment() {
        fixture.given(new ShipmentPreparedEvent("s1", "o1", LINES))
               .when(new CancelShipmentCommand("s1", "o1"))
               .expectEvents(new ShipmentCancelledEvent("s1", "o1"));
    }

    @Test
    void recordsACancellationThatOvertakesThePreparation() {
        fixture.givenNoPriorActivity()
               .when(new CancelShipmentCommand("s1", "o1"))
               .expectEvents(new ShipmentCancelledEvent("s1", "o1"));
    }

    @Test
    void ignoresASecondCancellation() {
        fixture.given(new ShipmentPreparedEvent("s1", "o1", LINES), new ShipmentCancelledEvent("s1", "o1"))
               .when(new CancelShipmentCommand("s1", "o1"))
               .expectNoEvents();
    }

    @Test
    void refusesToCancelADispatchedShipment() {
        fixture.given(new ShipmentPreparedEvent("s1", "o1", LINES), new ShipmentDispatchedEvent("s1", "o1", LINES))
               .when(new CancelShipmentCommand("s1", "o1"))
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(FulfillmentErrorCode.SHIPMENT_ALREADY_DISPATCHED);
    }

    @Test
    void refusesToCancelADeliveredShipment() {
        fixture.given(new ShipmentPreparedEvent("s1", "o1", LINES), new ShipmentDispatchedEvent("s1", "o1", LINES),
                      new ShipmentDeliveredEvent("s1", "o1"))
               .when(new CancelShipmentCommand("s1", "o1"))
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(FulfillmentErrorCode.SHIPMENT_ALREADY_DISPATCHED);
    }

    @Test
    void marksADispatchedShipmentDelivered() {
        fixture.given(new ShipmentPreparedEvent("s1", "o1", LINES), new ShipmentDispatchedEvent("s1", "o1", LINES))
               .when(new MarkShipmentDeliveredCommand("s1"))
               .expectEvents(new ShipmentDeliveredEvent("s1", "o1"))
               .expectResultMessagePayload(ShipmentStatus.DELIVERED);
    }

    @Test
    void ignoresASecondDelivery() {
        fixture.given(new ShipmentPreparedEvent("s1", "o1", LINES), new ShipmentDispatchedEvent("s1", "o1", LINES),
                      new ShipmentDeliveredEvent("s1", "o1"))
               .when(new MarkShipmentDeliveredCommand("s1"))
               .expectNoEvents()
               .expectResultMessagePayload(ShipmentStatus.DELIVERED);
    }

    @Test
    void refusesToDeliverAShipmentThatWasNotDispatched() {
        fixture.given(new ShipmentPreparedEvent("s1", "o1", LINES))
               .when(new MarkShipmentDeliveredCommand("s1"))
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(FulfillmentErrorCode.SHIPMENT_STATE_CONFLICT);
        fixture.given(new ShipmentCancelledEvent("s1", "o1"))
               .when(new MarkShipmentDeliveredCommand("s1"))
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(FulfillmentErrorCode.SHIPMENT_STATE_CONFLICT);
    }

    @Test
    void answersNotFoundForDeliveringAnUnknownShipment() {
        fixture.givenNoPriorActivity()
               .when(new MarkShipmentDeliveredCommand("s1"))
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(FulfillmentErrorCode.SHIPMENT_NOT_FOUND);
    }
}
