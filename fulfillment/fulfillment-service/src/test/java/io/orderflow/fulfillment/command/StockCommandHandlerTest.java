package io.orderflow.fulfillment.command;

import io.orderflow.fulfillment.api.ReleaseStockCommand;
import io.orderflow.fulfillment.api.ReserveStockCommand;
import io.orderflow.fulfillment.api.ShipmentCancelledEvent;
import io.orderflow.fulfillment.api.StockAllocatedEvent;
import io.orderflow.fulfillment.api.StockDeallocatedEvent;
import io.orderflow.fulfillment.api.StockLine;
import io.orderflow.fulfillment.api.StockReceivedEvent;
import io.orderflow.fulfillment.api.StockReleasedEvent;
import io.orderflow.fulfillment.api.StockReservationFailedEvent;
import io.orderflow.fulfillment.api.StockReservedEvent;
import io.orderflow.fulfillment.api.StockShippedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.orderflow.fulfillment.api.ReservationFailureReason.INSUFFICIENT_STOCK;
import static io.orderflow.fulfillment.api.ReservationFailureReason.UNKNOWN_SKU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StockCommandHandlerTest {

    private final FulfillmentCommands fulfillment = new FulfillmentCommands();

    @AfterEach
    void tearDown() {
        fulfillment.close();
    }

    private static List<StockLine> lines(StockLine... lines) {
        return List.of(lines);
    }

    private static StockLine line(String sku, int quantity) {
        return new StockLine(sku, quantity);
    }

    @Test
    void reservesEveryLineWhenAllAreInStock() {
        fulfillment.givenStock("b", new StockReceivedEvent("b", 3))
                   .givenStock("a", new StockReceivedEvent("a", 5));

        assertThat(fulfillment.when(new ReserveStockCommand("o1", lines(line("b", 3), line("a", 2)))))
                .containsExactly(new StockAllocatedEvent("a", "o1", 2), new StockAllocatedEvent("b", "o1", 3),
                                 new StockReservedEvent("o1", lines(line("b", 3), line("a", 2))));
    }

    @Test
    void reservesNothingWhenOneLineIsShort() {
        fulfillment.givenStock("a", new StockReceivedEvent("a", 5))
                   .givenStock("b", new StockReceivedEvent("b", 3));

        assertThat(fulfillment.when(new ReserveStockCommand("o1", lines(line("a", 2), line("b", 4)))))
                .containsExactly(new StockReservationFailedEvent("o1", INSUFFICIENT_STOCK, "b"));
    }

    @Test
    void reservesNothingWhenASkuIsUnknown() {
        fulfillment.givenStock("a", new StockReceivedEvent("a", 5));

        assertThat(fulfillment.when(new ReserveStockCommand("o1", lines(line("a", 2), line("nope", 1)))))
                .containsExactly(new StockReservationFailedEvent("o1", UNKNOWN_SKU, "nope"));
    }

    @Test
    void namesTheFirstLineOfTheOrderThatCannotBeReserved() {
        fulfillment.givenStock("b", new StockReceivedEvent("b", 1));

        assertThat(fulfillment.when(new ReserveStockCommand("o1", lines(line("b", 2), line("a", 1)))))
                .containsExactly(new StockReservationFailedEvent("o1", INSUFFICIENT_STOCK, "b"));
    }

    @Test
    void treatsAnotherAggregatesStreamIdAsAnUnknownSku() {
        fulfillment.givenShipment("s1", new ShipmentCancelledEvent("s1", "o0"));

        assertThat(fulfillment.when(new ReserveStockCommand("o1", lines(line(StreamIds.shipment("s1"), 1)))))
                .containsExactly(new StockReservationFailedEvent("o1", UNKNOWN_SKU, StreamIds.shipment("s1")));
    }

    @Test
    void addsUpRepeatedSkusBeforeReserving() {
        fulfillment.givenStock("a", new StockReceivedEvent("a", 3));

        assertThat(fulfillment.when(new ReserveStockCommand("o1", lines(line("a", 2), line("a", 2)))))
                .containsExactly(new StockReservationFailedEvent("o1", INSUFFICIENT_STOCK, "a"));
    }

    @Test
    void countsStockHeldForOtherOrdersAsUnavailable() {
        fulfillment.givenStock("a", new StockReceivedEvent("a", 5), new StockAllocatedEvent("a", "o0", 4));

        assertThat(fulfillment.when(new ReserveStockCommand("o1", lines(line("a", 2)))))
                .containsExactly(new StockReservationFailedEvent("o1", INSUFFICIENT_STOCK, "a"));
    }

    @Test
    void ignoresASecondReservationForTheSameOrder() {
        fulfillment.givenStock("a", new StockReceivedEvent("a", 5), new StockAllocatedEvent("a", "o1", 2))
                   .givenReservation("o1", new StockReservedEvent("o1", lines(line("a", 2))));

        assertThat(fulfillment.when(new ReserveStockCommand("o1", lines(line("a", 2))))).isEmpty();
    }

    @Test
    void ignoresAReservationAfterAFailedOne() {
        fulfillment.givenStock("a", new StockReceivedEvent("a", 5))
                   .givenReservation("o1", new StockReservationFailedEvent("o1", INSUFFICIENT_STOCK, "a"));

        assertThat(fulfillment.when(new ReserveStockCommand("o1", lines(line("a", 2))))).isEmpty();
    }

    @Test
    void refusesLinesWithoutAPositiveQuantity() {
        fulfillment.givenStock("a", new StockReceivedEvent("a", 5));

        assertThatThrownBy(() -> fulfillment.when(new ReserveStockCommand("o1", lines(line("a", 0)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fulfillment.when(new ReserveStockCommand("o1", lines())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void releasesEveryReservedLineAndMakesItAvailableAgain() {
        fulfillment.givenStock("a", new StockReceivedEvent("a", 2), new StockAllocatedEvent("a", "o1", 2))
                   .givenStock("b", new StockReceivedEvent("b", 1), new StockAllocatedEvent("b", "o1", 1))
                   .givenReservation("o1", new StockReservedEvent("o1", lines(line("b", 1), line("a", 2))));

        assertThat(fulfillment.when(new ReleaseStockCommand("o1")))
                .containsExactly(new StockDeallocatedEvent("a", "o1", 2), new StockDeallocatedEvent("b", "o1", 1),
                                 new StockReleasedEvent("o1", lines(line("b", 1), line("a", 2))));
        assertThat(fulfillment.when(new ReserveStockCommand("o2", lines(line("a", 2), line("b", 1)))))
                .endsWith(new StockReservedEvent("o2", lines(line("a", 2), line("b", 1))));
    }

    @Test
    void recordsAReleaseThatOvertakesItsReservationAndIgnoresTheLateReservation() {
        fulfillment.givenStock("a", new StockReceivedEvent("a", 5));

        assertThat(fulfillment.when(new ReleaseStockCommand("o1")))
                .containsExactly(new StockReleasedEvent("o1", List.of()));
        assertThat(fulfillment.when(new ReserveStockCommand("o1", lines(line("a", 2))))).isEmpty();
    }

    @Test
    void ignoresReleasingAReservationThatFailedOrWasReleased() {
        fulfillment.givenReservation("o1", new StockReservationFailedEvent("o1", UNKNOWN_SKU, "a"))
                   .givenReservation("o2", new StockReleasedEvent("o2", List.of()));

        assertThat(fulfillment.when(new ReleaseStockCommand("o1"))).isEmpty();
        assertThat(fulfillment.when(new ReleaseStockCommand("o2"))).isEmpty();
    }

    @Test
    void ignoresReleasingAReservationThatWasShipped() {
        fulfillment.givenStock("a", new StockReceivedEvent("a", 2), new StockAllocatedEvent("a", "o1", 2),
                               new StockShippedEvent("a", "o1", 2))
                   .givenReservation("o1", new StockReservedEvent("o1", lines(line("a", 2))),
                                     new ReservationShippedEvent("o1", "s1"));

        assertThat(fulfillment.when(new ReleaseStockCommand("o1"))).isEmpty();
    }
}
