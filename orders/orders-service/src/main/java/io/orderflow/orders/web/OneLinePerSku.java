package io.orderflow.orders.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** No SKU appears on two lines of an order: fulfillment reserves per SKU. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OneLinePerSku.Validator.class)
public @interface OneLinePerSku {

    String message() default "must not name a SKU on more than one line";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OneLinePerSku, List<OrderLineRequest>> {

        @Override
        public boolean isValid(List<OrderLineRequest> lines, ConstraintValidatorContext context) {
            if (lines == null) {
                return true;
            }
            Set<String> skus = new HashSet<>();
            return lines.stream().filter(Objects::nonNull).map(OrderLineRequest::sku).filter(Objects::nonNull)
                        .allMatch(skus::add);
        }
    }
}
