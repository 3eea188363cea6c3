package io.orderflow.fulfillment.command;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.orderflow.fulfillment.api.ReceiveStockCommand;
import io.orderflow.fulfillment.api.StockAllocatedEvent;
import io.orderflow.fulfillment.api.StockDeallocatedEvent;
import io.orderflow.fulfillment.api.StockReceivedEvent;
import io.orderflow.fulfillment.api.StockShippedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The stock of one SKU: what is on hand and what each order has set aside of it. Reservations, releases and
 * dispatches change several aggregates in one unit of work, so {@link StockCommandHandler} and
 * {@link DispatchCommandHandler} drive this item through its package-private methods.
 * <p>
 * A hot SKU collects one event per reservation and release, so it is rebuilt from snapshots (state serialized with
 * Jackson, hence the field visibility) and kept in a cache between commands.
 */
@Aggregate(snapshotTriggerDefinition = "stockItemSnapshotTrigger", cache = "stockItemCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class StockItem {

    @AggregateIdentifier
    private String sku;
    private long onHand;
    private Map<String, Integer> reserved = new HashMap<>();

    protected StockItem() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReceiveStockCommand command) {
        if (!isSku(command.sku())) {
            throw new IllegalArgumentException("Not a SKU: " + command.sku());
        }
        if (command.quantity() < 1) {
            throw new IllegalArgumentException("A receipt adds at least 1 unit, not " + command.quantity());
        }
        apply(new StockReceivedEvent(command.sku(), command.quantity()));
    }

    /** @return whether {@code candidate} can name a SKU, and so a stock item's event stream */
    static boolean isSku(String candidate) {
        return candidate != null && !candidate.isBlank() && candidate.indexOf(StreamIds.SEPARATOR) < 0;
    }

    long available() {
        return Math.max(0, onHand - reservedInTotal());
    }

    void allocate(String orderId, int quantity) {
        if (quantity < 1 || quantity > available()) {
            throw new IllegalStateException("Cannot set aside " + quantity + " of " + sku + " for order " + orderId
                                                    + ": " + available() + " available");
        }
        apply(new StockAllocatedEvent(sku, orderId, quantity));
    }

    /** Returns what the order holds of this SKU, if anything, to the available stock. */
    void deallocate(String orderId) {
        Integer quantity = reserved.get(orderId);
        if (quantity != null) {
            apply(new StockDeallocatedEvent(sku, orderId, quantity));
        }
    }

    void ship(String orderId, int quantity) {
        if (quantity < 1 || quantity > reserved.getOrDefault(orderId, 0)) {
            throw new IllegalStateException("Cannot ship " + quantity + " of " + sku + " for order " + orderId
                                                    + ": it holds " + reserved.getOrDefault(orderId, 0));
        }
        apply(new StockShippedEvent(sku, orderId, quantity));
    }

    @EventSourcingHandler
    void on(StockReceivedEvent event) {
        sku = event.sku();
        onHand += event.quantity();
    }

    @EventSourcingHandler
    void on(StockAllocatedEvent event) {
        reserved.merge(event.orderId(), event.quantity(), Integer::sum);
    }

    @EventSourcingHandler
    void on(StockDeallocatedEvent event) {
        takeFromReserved(event.orderId(), event.quantity());
    }

    @EventSourcingHandler
    void on(StockShippedEvent event) {
        onHand -= event.quantity();
        takeFromReserved(event.orderId(), event.quantity());
    }

    private void takeFromReserved(String orderId, int quantity) {
        reserved.computeIfPresent(orderId, (order, held) -> held > quantity ? held - quantity : null);
    }

    private long reservedInTotal() {
        return reserved.values().stream().mapToLong(Integer::longValue).sum();
    }
}
