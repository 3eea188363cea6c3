package io.orderflow.orders.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A customer (or an operator on their behalf) asks to cancel an order; refused once it shipped or ended.
 *
 * @param orderId     the order
 * @param requestedBy the customer asking, or {@code null} for an operator: another customer's order is answered
 *                    as unknown
 */
public record RequestOrderCancellationCommand(@TargetAggregateIdentifier String orderId, String requestedBy) {

    /** @return a request by an operator, who may cancel any customer's order */
    public static RequestOrderCancellationCommand byOperator(String orderId) {
        return new RequestOrderCancellationCommand(orderId, null);
    }
}
