package io.orderflow.orders.web;

import io.orderflow.platform.web.Ids;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.math.BigDecimal;

/** One line of {@code POST /orders}. */
public record OrderLineRequest(
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String sku,
        @NotNull @Min(1) @Max(10_000) Integer quantity,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000.00") @Digits(integer = 7, fraction = 2)
        BigDecimal unitPrice) {
}
