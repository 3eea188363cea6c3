package io.orderflow.fulfillment.command;

import io.orderflow.fulfillment.api.DispatchShipmentCommand;
import io.orderflow.fulfillment.api.FulfillmentErrorCode;
import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.api.StockLine;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Dispatches a shipment: it leaves, its goods leave the stock items, and its order's reservation is spent, all in
 * one unit of work. Only goods the order reserved can leave, so a shipment whose order holds no reservation (never
 * made, or released by a cancellation that got there first) or holds different goods is refused. Locks are taken
 * shipment, reservation, then stock items in SKU order, the same order as every other handler.
 */
@Component
public class DispatchCommandHandler {

    private final Repository<Shipment> shipments;
    private final Repository<Reservation> reservations;
    private final Repository<StockItem> stockItems;

    public DispatchCommandHandler(Repository<Shipment> shipments, Repository<Reservation> reservations,
                                  Repository<StockItem> stockItems) {
        this.shipments = shipments;
        this.reservations = reservations;
        this.stockItems = stockItems;
    }

    /** @return the shipment's status afterwards */
    @CommandHandler
    public ShipmentStatus handle(DispatchShipmentCommand command) throws Exception {
        Aggregate<Shipment> shipment = ShipmentCommandHandler.existing(shipments, command.shipmentId());
        if (!shipment.invoke(Shipment::awaitsDispatch)) {
            return shipment.invoke(Shipment::status);
        }
        String orderId = shipment.invoke(Shipment::orderId);
        List<StockLine> lines = shipment.invoke(Shipment::lines);
        Aggregate<Reservation> reservation = reservations.loadOrCreate(StreamIds.reservation(orderId),
                                                                       Reservation::new);
        if (reservation.invoke(Reservation::status) != ReservationStatus.RESERVED
                || !StockLines.sameGoods(reservation.invoke(Reservation::lines), lines)) {
            throw notReserved(orderId, command.shipmentId());
        }
        for (StockLine line : StockLines.inLockOrder(lines)) {
            stockItems.load(line.sku()).execute(item -> item.ship(orderId, line.quantity()));
        }
        reservation.execute(r -> r.ship(command.shipmentId()));
        shipment.execute(Shipment::dispatch);
        return ShipmentStatus.DISPATCHED;
    }

    private static CommandExecutionException notReserved(String orderId, String shipmentId) {
        return new CommandExecutionException("Shipment " + shipmentId + " cannot be dispatched: order " + orderId
                                                     + " does not hold its goods in reserve", null,
                                             FulfillmentErrorCode.SHIPMENT_STATE_CONFLICT);
    }
}
