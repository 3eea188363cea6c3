package io.orderflow.fulfillment.web;

import io.orderflow.fulfillment.api.ReceiveStockCommand;
import io.orderflow.fulfillment.query.FulfillmentQueries;
import io.orderflow.fulfillment.query.InventoryLevel;
import io.orderflow.platform.web.Ids;
import io.orderflow.platform.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Stock per SKU: goods received, and what is on hand, reserved and available. */
@RestController
@Validated
public class InventoryController {

    private final CommandGateway commands;
    private final FulfillmentQueries queries;

    public InventoryController(CommandGateway commands, FulfillmentQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping("/inventory/{sku}/receipts")
    public ResponseEntity<Receipt> receive(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String sku,
                                           @Valid @RequestBody ReceiveStockRequest request) {
        commands.sendAndWait(new ReceiveStockCommand(sku, request.quantity()));
        return ResponseEntity.created(URI.create("/inventory/" + sku)).body(new Receipt(sku, request.quantity()));
    }

    @GetMapping("/inventory/{sku}")
    public InventoryLevel inventory(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String sku) {
        return queries.inventory(sku).orElseThrow(() -> new NotFoundException("No stock was ever received for " + sku));
    }
}
