package io.orderflow.fulfillment.web;

import io.orderflow.fulfillment.api.DispatchShipmentCommand;
import io.orderflow.fulfillment.api.MarkShipmentDeliveredCommand;
import io.orderflow.fulfillment.api.ShipmentStatus;
import io.orderflow.fulfillment.query.FulfillmentQueries;
import io.orderflow.fulfillment.query.ShipmentSummary;
import io.orderflow.platform.web.Ids;
import io.orderflow.platform.web.NotFoundException;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Shipments: where they stand, and the warehouse's and carrier's reports of dispatch and delivery. */
@RestController
@Validated
public class ShipmentController {

    private final CommandGateway commands;
    private final FulfillmentQueries queries;

    public ShipmentController(CommandGateway commands, FulfillmentQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping("/shipments")
    public List<ShipmentSummary> shipments(@RequestParam @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId) {
        return queries.shipmentsOfOrder(orderId);
    }

    @GetMapping("/shipments/{shipmentId}")
    public ShipmentSummary shipment(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String shipmentId) {
        return queries.shipment(shipmentId).orElseThrow(() -> new NotFoundException("No shipment " + shipmentId));
    }

    @PostMapping("/shipments/{shipmentId}/dispatch")
    public ResponseEntity<ShipmentState> dispatch(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String shipmentId) {
        ShipmentStatus status = commands.sendAndWait(new DispatchShipmentCommand(shipmentId));
        return ResponseEntity.accepted().body(new ShipmentState(shipmentId, status));
    }

    @PostMapping("/shipments/{shipmentId}/delivered")
    public ResponseEntity<ShipmentState> delivered(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String shipmentId) {
        ShipmentStatus status = commands.sendAndWait(new MarkShipmentDeliveredCommand(shipmentId));
        return ResponseEntity.accepted().body(new ShipmentState(shipmentId, status));
    }
}
