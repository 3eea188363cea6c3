package io.orderflow.fulfillment.command;

import io.orderflow.fulfillment.api.CancelShipmentCommand;
import io.orderflow.fulfillment.api.FulfillmentErrorCode;
import io.orderflow.fulfillment.api.MarkShipmentDeliveredCommand;
import io.orderflow.fulfillment.api.PrepareShipmentCommand;
import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.api.StockLine;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.List;

/** Prepares, cancels and delivers shipments; dispatching moves stock too and is {@link DispatchCommandHandler}'s. */
@Component
public class ShipmentCommandHandler {

    private final Repository<Shipment> shipments;

    public ShipmentCommandHandler(Repository<Shipment> shipments) {
        this.shipments = shipments;
    }

    @CommandHandler
    public void handle(PrepareShipmentCommand command) throws Exception {
        List<StockLine> lines = StockLines.normalized(command.lines());
        shipments.loadOrCreate(StreamIds.shipment(command.shipmentId()), Shipment::new)
                 .execute(shipment -> shipment.prepare(command.shipmentId(), command.orderId(), lines));
    }

    @CommandHandler
    public void handle(CancelShipmentCommand command) throws Exception {
        shipments.loadOrCreate(StreamIds.shipment(command.shipmentId()), Shipment::new)
                 .execute(shipment -> shipment.cancel(command.shipmentId(), command.orderId()));
    }

    /** @return the shipment's status afterwards */
    @CommandHandler
    public ShipmentStatus handle(MarkShipmentDeliveredCommand command) throws Exception {
        Aggregate<Shipment> shipment = existing(shipments, command.shipmentId());
        shipment.execute(Shipment::markDelivered);
        return shipment.invoke(Shipment::status);
    }

    /** An unknown shipment is created blank to look at and never stored: an ordinary outcome, not a failed load. */
    static Aggregate<Shipment> existing(Repository<Shipment> shipments, String shipmentId) throws Exception {
        Aggregate<Shipment> shipment = shipments.loadOrCreate(StreamIds.shipment(shipmentId), Shipment::new);
        if (shipment.invoke(Shipment::status) == null) {
            throw new CommandExecutionException("No shipment " + shipmentId, null,
                                                FulfillmentErrorCode.SHIPMENT_NOT_FOUND);
        }
        return shipment;
    }
}
