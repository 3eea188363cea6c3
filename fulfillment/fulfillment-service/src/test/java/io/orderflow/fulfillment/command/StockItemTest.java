package io.orderflow.fulfillment.command;

import io.orderflow.fulfillment.api.ReceiveStockCommand;
import io.orderflow.fulfillment.api.StockAllocatedEvent;
import io.orderflow.fulfillment.api.StockReceivedEvent;
import io.orderflow.fulfillment.api.StockShippedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StockItemTest {

    private AggregateTestFixture<StockItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StockItem.class);
    }

    @Test
    void createsTheSkuWithItsFirstReceipt() {
        fixture.givenNoPriorActivity()
               .when(new ReceiveStockCommand("sku-1", 10))
               .expectEvents(new StockReceivedEvent("sku-1", 10))
               .expectState(item -> assertThat(item.available()).isEqualTo(10));
    }

    @Test
    void addsFurtherReceiptsToTheStockOnHand() {
        fixture.given(new StockReceivedEvent("sku-1", 10), new StockAllocatedEvent("sku-1", "o1", 4))
               .when(new ReceiveStockCommand("sku-1", 5))
               .expectEvents(new StockReceivedEvent("sku-1", 5))
               .expectState(item -> assertThat(item.available()).isEqualTo(11));
    }

    @Test
    void countsShippedGoodsAsGoneFromHandAndFromReserve() {
        fixture.given(new StockReceivedEvent("sku-1", 10), new StockAllocatedEvent("sku-1", "o1", 4),
                      new StockShippedEvent("sku-1", "o1", 4))
               .when(new ReceiveStockCommand("sku-1", 1))
               .expectState(item -> assertThat(item.available()).isEqualTo(7));
    }

    @Test
    void refusesAReceiptOfLessThanOneUnit() {
        fixture.givenNoPriorActivity()
               .when(new ReceiveStockCommand("sku-1", 0))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void refusesASkuThatCouldNameAReservationOrShipmentStream() {
        fixture.givenNoPriorActivity()
               .when(new ReceiveStockCommand("shipment/s-1", 1))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }
}
