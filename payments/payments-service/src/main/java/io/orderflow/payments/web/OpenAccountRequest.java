package io.orderflow.payments.web;

import io.orderflow.platform.web.Ids;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import java.math.BigDecimal;

/** Body of {@code POST /accounts}. */
public record OpenAccountRequest(
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId,
        @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 2) @DecimalMax("1000000000.00") BigDecimal creditLimit) {
}
