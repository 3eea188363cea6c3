package io.orderflow.orders.command;

import io.orderflow.fulfillment.api.ShipmentDeliveredEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records on each order when fulfillment delivered its shipment. Reads fulfillment's topic; the command runs in the
 * same unit of work as the processor's token update, so a delivery is recorded once even across restarts.
 */
@Component
@ProcessingGroup(DeliveryRecorder.PROCESSING_GROUP)
public class DeliveryRecorder {

    public static final String PROCESSING_GROUP = "order-delivery";

    private static final Logger log = LoggerFactory.getLogger(DeliveryRecorder.class);

    @EventHandler
    void on(ShipmentDeliveredEvent event, CommandGateway commands) {
        try {
            commands.sendAndWait(new MarkOrderDeliveredCommand(event.orderId()));
        } catch (AggregateNotFoundException e) {
            log.warn("Shipment {} was delivered for order {}, which this service does not know",
                     event.shipmentId(), event.orderId());
        }
    }
}
