package io.orderflow.fulfillment.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /inventory/{sku}/receipts}. */
public record ReceiveStockRequest(@NotNull @Min(1) @Max(1_000_000) Integer quantity) {
}
