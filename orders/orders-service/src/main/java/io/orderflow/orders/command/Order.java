package io.orderflow.orders.command;

import io.orderflow.orders.api.OrderCancellationRequestedEvent;
import io.orderflow.orders.api.OrderCancelledEvent;
import io.orderflow.orders.api.OrderCompletedEvent;
import io.orderflow.orders.api.OrderConfirmedEvent;
import io.orderflow.orders.api.OrderDeliveredEvent;
import io.orderflow.orders.api.OrderLine;
import io.orderflow.orders.api.OrderPlacedEvent;
import io.orderflow.orders.api.OrderRejectedEvent;
import io.orderflow.orders.api.OrderShippedEvent;
import io.orderflow.orders.api.OrderStatus;
import io.orderflow.orders.api.OrdersErrorCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An order's life from placement to delivery. The order saga drives it; the customer can only place it and ask to
 * cancel it. Every command the saga sends is idempotent: a repeat, or one that arrives after the order ended,
 * changes nothing, so the saga can resend freely.
 */
@Aggregate
public class Order {

    @AggregateIdentifier
    private String orderId;
    private String customerId;
    private List<OrderLine> lines;
    private BigDecimal total;
    private OrderStatus status;
    private boolean cancellationRequested;
    private boolean delivered;

    protected Order() {
    }

    /** @return the order's status: what a retried placement answers, too */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public OrderStatus handle(PlaceOrderCommand command) {
        if (status == null) {
            apply(new OrderPlacedEvent(command.orderId(), command.customerId(), command.lines(),
                                       total(command.lines())));
        } else if (!customerId.equals(command.customerId()) || !sameLines(lines, command.lines())) {
            throw new CommandExecutionException("Order " + command.orderId() + " was placed with other contents",
                                                null, OrdersErrorCode.IDEMPOTENCY_KEY_REUSED);
        }
        return status;
    }

    @CommandHandler
    public void handle(ConfirmOrderCommand command) {
        if (status == OrderStatus.PLACED) {
            apply(new OrderConfirmedEvent(orderId));
        }
    }

    @CommandHandler
    public void handle(MarkOrderShippedCommand command) {
        if (status == OrderStatus.PLACED || status == OrderStatus.CONFIRMED) {
            apply(new OrderShippedEvent(orderId, command.shipmentId()));
        }
    }

    @CommandHandler
    public void handle(CompleteOrderCommand command) {
        if (status == OrderStatus.SHIPPED) {
            apply(new OrderCompletedEvent(orderId, total));
        } else if (!status.isTerminal()) {
            throw new IllegalStateException("Order " + orderId + " is " + status + ": it cannot complete unshipped");
        }
    }

    @CommandHandler
    public void handle(RejectOrderCommand command) {
        if (!status.isTerminal()) {
            apply(new OrderRejectedEvent(orderId, command.reason()));
        }
    }

    @CommandHandler
    public void handle(CancelOrderCommand command) {
        if (!status.isTerminal()) {
            apply(new OrderCancelledEvent(orderId, command.reason()));
        }
    }

    /** @return the order's status; a cancellation is only requested, the saga decides when it is done */
    @CommandHandler
    public OrderStatus handle(RequestOrderCancellationCommand command) {
        if (command.requestedBy() != null && !command.requestedBy().equals(customerId)) {
            throw new CommandExecutionException("No order " + orderId, null, OrdersErrorCode.ORDER_NOT_FOUND);
        }
        if (status == OrderStatus.SHIPPED || status.isTerminal()) {
            throw new CommandExecutionException("Order " + orderId + " is " + status + " and can no longer be cancelled",
                                                null, OrdersErrorCode.ORDER_NOT_CANCELLABLE);
        }
        if (!cancellationRequested) {
            apply(new OrderCancellationRequestedEvent(orderId));
        }
        return status;
    }

    @CommandHandler
    public void handle(MarkOrderDeliveredCommand command) {
        if ((status == OrderStatus.SHIPPED || status == OrderStatus.COMPLETED) && !delivered) {
            apply(new OrderDeliveredEvent(orderId));
        }
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        customerId = event.customerId();
        lines = List.copyOf(event.lines());
        total = event.total();
        status = OrderStatus.PLACED;
    }

    @EventSourcingHandler
    void on(OrderConfirmedEvent event) {
        status = OrderStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(OrderShippedEvent event) {
        status = OrderStatus.SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderCompletedEvent event) {
        status = OrderStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(OrderRejectedEvent event) {
        status = OrderStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        status = OrderStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(OrderCancellationRequestedEvent event) {
        cancellationRequested = true;
    }

    @EventSourcingHandler
    void on(OrderDeliveredEvent event) {
        delivered = true;
    }

    private static BigDecimal total(List<OrderLine> lines) {
        return lines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Lines are one per SKU, so their order does not matter; prices compare by value, not by scale. */
    private static boolean sameLines(List<OrderLine> placed, List<OrderLine> requested) {
        return placed.size() == requested.size() && bySku(placed).equals(bySku(requested));
    }

    private static Map<String, List<Object>> bySku(List<OrderLine> lines) {
        return lines.stream().collect(Collectors.toMap(
                OrderLine::sku,
                line -> List.of(line.quantity(), line.unitPrice().stripTrailingZeros()),
                (a, b) -> a));
    }
}
