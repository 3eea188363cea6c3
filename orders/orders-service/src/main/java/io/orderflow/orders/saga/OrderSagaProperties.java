package io.orderflow.orders.saga;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Timing of the order saga.
 *
 * @param deadline       how long an order may take to be dispatched; when it passes first, the order is cancelled
 * @param resendInterval how often, once the order deadline passed or the outcome is settled, the commands still
 *                       unanswered are sent again, so a participant that was down gets them when it is back
 * @param admissionLag   how far behind the saga may be before new orders are refused (503, see
 *                       {@code OrderAdmission}); well below the deadline, so an accepted order can still make it
 * @param attempts       how often the saga may fail on one event (the processor retrying with back-off) before that
 *                       order's events are set aside as dead letters and the other orders go on
 */
@ConfigurationProperties("orderflow.orders")
public record OrderSagaProperties(@DefaultValue("30s") Duration deadline, @DefaultValue("10s") Duration resendInterval,
                                  @DefaultValue("5s") Duration admissionLag, @DefaultValue("5") int attempts) {
}
