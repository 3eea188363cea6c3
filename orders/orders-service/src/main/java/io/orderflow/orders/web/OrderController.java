package io.orderflow.orders.web;

import io.orderflow.orders.api.OrderLine;
import io.orderflow.orders.api.OrderStatus;
import io.orderflow.orders.command.PlaceOrderCommand;
import io.orderflow.orders.command.RequestOrderCancellationCommand;
import io.orderflow.orders.query.OrderQueries;
import io.orderflow.orders.query.OrderSummary;
import io.orderflow.platform.security.Caller;
import io.orderflow.platform.web.Ids;
import io.orderflow.platform.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Placing, cancelling and reading orders. A customer places, cancels and reads only their own orders (another
 * customer's order is as unknown to them as a missing one); operators any.
 */
@RestController
public class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CommandGateway commands;
    private final OrderQueries queries;
    private final OrderAdmission admission;

    public OrderController(CommandGateway commands, OrderQueries queries, OrderAdmission admission) {
        this.commands = commands;
        this.queries = queries;
        this.admission = admission;
    }

    /**
     * With an idempotency key the order id is derived from the customer and the key, so a retried request lands on
     * the order it created the first time, and the aggregate tells a retry from a reuse for another order. While
     * the saga is behind, a new order is refused with 503 and {@code Retry-After} ({@link OrderAdmission}).
     */
    @PostMapping("/orders")
    public ResponseEntity<OrderAccepted> place(@Valid @RequestBody PlaceOrderRequest request,
                                               @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        Caller.current().requireActsFor(request.customerId());
        if (key != null && !key.matches(Ids.PATTERN)) {
            throw new InvalidIdempotencyKeyException();
        }
        admission.admit();
        String orderId = key == null
                ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((request.customerId() + ":" + key).getBytes(StandardCharsets.UTF_8)).toString();
        List<OrderLine> lines = request.lines().stream()
                                       .map(line -> new OrderLine(line.sku(), line.quantity(),
                                                                  line.unitPrice().setScale(2, RoundingMode.UNNECESSARY)))
                                       .toList();
        OrderStatus status = commands.sendAndWait(new PlaceOrderCommand(orderId, request.customerId(), lines));
        return ResponseEntity.accepted().location(URI.create("/orders/" + orderId))
                             .body(new OrderAccepted(orderId, status));
    }

    @PostMapping("/orders/{orderId}/cancel")
    public ResponseEntity<OrderAccepted> cancel(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
                                                String orderId) {
        Caller caller = Caller.current();
        OrderStatus status = commands.sendAndWait(
                new RequestOrderCancellationCommand(orderId, caller.operator() ? null : caller.id()));
        return ResponseEntity.accepted().body(new OrderAccepted(orderId, status));
    }

    @GetMapping("/orders/{orderId}")
    public OrderSummary order(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId) {
        Caller caller = Caller.current();
        return queries.order(orderId).filter(order -> caller.actsFor(order.customerId()))
                      .orElseThrow(() -> new NotFoundException("No order " + orderId));
    }

    @GetMapping("/orders")
    public List<OrderSummary> orders(@RequestParam @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId,
                                     @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Caller.current().requireActsFor(customerId);
        return queries.ordersOfCustomer(customerId, limit);
    }

    /** Same shape as the platform's validation problems; a header's name is not a Java parameter name. */
    @ExceptionHandler(InvalidIdempotencyKeyException.class)
    ResponseEntity<ProblemDetail> invalidIdempotencyKey() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                                                                 "Invalid request: " + IDEMPOTENCY_KEY + " " + Ids.MESSAGE);
        problem.setTitle("Bad Request");
        problem.setProperty("errors", Map.of(IDEMPOTENCY_KEY, Ids.MESSAGE));
        return ResponseEntity.badRequest().body(problem);
    }

    static class InvalidIdempotencyKeyException extends RuntimeException {

        InvalidIdempotencyKeyException() {
            super(IDEMPOTENCY_KEY + " " + Ids.MESSAGE);
        }
    }
}
