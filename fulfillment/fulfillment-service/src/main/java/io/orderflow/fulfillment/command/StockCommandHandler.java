package io.orderflow.fulfillment.command;

import io.orderflow.fulfillment.api.ReleaseStockCommand;
import io.orderflow.fulfillment.api.ReservationFailureReason;
import io.orderflow.fulfillment.api.ReserveStockCommand;
import io.orderflow.fulfillment.api.StockLine;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reserves and releases an order's stock: its {@link Reservation} and the {@link StockItem} of every line change in
 * one unit of work, so one database transaction, all or nothing. The reservation is locked first, then the stock
 * items in SKU order.
 */
@Component
public class StockCommandHandler {

    private final Repository<StockItem> stockItems;
    private final Repository<Reservation> reservations;

    public StockCommandHandler(Repository<StockItem> stockItems, Repository<Reservation> reservations) {
        this.stockItems = stockItems;
        this.reservations = reservations;
    }

    @CommandHandler
    public void handle(ReserveStockCommand command) throws Exception {
        String orderId = command.orderId();
        List<StockLine> lines = StockLines.normalized(command.lines());
        Aggregate<Reservation> reservation = reservations.loadOrCreate(StreamIds.reservation(orderId),
                                                                       Reservation::new);
        if (reservation.invoke(Reservation::status) != null) {
            return;
        }
        Map<String, Aggregate<StockItem>> items = new HashMap<>();
        for (StockLine line : StockLines.inLockOrder(lines)) {
            Optional<Aggregate<StockItem>> item = existing(line.sku());
            if (item.isPresent()) {
                items.put(line.sku(), item.get());
            }
        }
        for (StockLine line : lines) {
            Aggregate<StockItem> item = items.get(line.sku());
            if (item == null) {
                reservation.execute(r -> r.fail(orderId, ReservationFailureReason.UNKNOWN_SKU, line.sku()));
                return;
            }
            if (item.invoke(StockItem::available) < line.quantity()) {
                reservation.execute(r -> r.fail(orderId, ReservationFailureReason.INSUFFICIENT_STOCK, line.sku()));
                return;
            }
        }
        for (StockLine line : StockLines.inLockOrder(lines)) {
            items.get(line.sku()).execute(item -> item.allocate(orderId, line.quantity()));
        }
        reservation.execute(r -> r.reserve(orderId, lines));
    }

    @CommandHandler
    public void handle(ReleaseStockCommand command) throws Exception {
        String orderId = command.orderId();
        Aggregate<Reservation> reservation = reservations.loadOrCreate(StreamIds.reservation(orderId),
                                                                       Reservation::new);
        ReservationStatus status = reservation.invoke(Reservation::status);
        if (status == null) {
            reservation.execute(r -> r.releaseBeforeReserved(orderId));
        } else if (status == ReservationStatus.RESERVED) {
            for (StockLine line : StockLines.inLockOrder(reservation.invoke(Reservation::lines))) {
                stockItems.load(line.sku()).execute(item -> item.deallocate(orderId));
            }
            reservation.execute(Reservation::release);
        }
    }

    /**
     * Loads a stock item if stock for the SKU was ever received. Not created blank to look at it: the stock items'
     * repository caches what a unit of work touched under its id, and a blank item has none.
     */
    private Optional<Aggregate<StockItem>> existing(String sku) {
        if (!StockItem.isSku(sku)) {
            return Optional.empty();
        }
        try {
            return Optional.of(stockItems.load(sku));
        } catch (AggregateNotFoundException unknown) {
            return Optional.empty();
        }
    }
}
