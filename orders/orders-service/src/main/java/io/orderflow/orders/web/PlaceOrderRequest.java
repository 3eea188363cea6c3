package io.orderflow.orders.web;

import io.orderflow.platform.web.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of {@code POST /orders}. */
public record PlaceOrderRequest(
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId,
        @NotNull @Size(min = 1, max = 100) @OneLinePerSku List<@NotNull @Valid OrderLineRequest> lines) {
}
