package io.orderflow.orders.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.orders.saga.OrderSaga;
import io.orderflow.orders.saga.OrderSagaProperties;
import io.orderflow.platform.ops.OpsStats;
import io.orderflow.platform.web.ServiceBusyException;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Refuses new orders while the order saga is behind, so that overload costs the orders that arrive during it a clear
 * 503 with {@code Retry-After} instead of costing every accepted order its deadline. The saga's backlog is measured
 * in time, end to end: how old the latest event the saga handled was when it handled it (its own, or another
 * context's from Kafka), as {@link OpsStats#delay} keeps it. Above {@link OrderSagaProperties#admissionLag()} new
 * orders are refused; cancellations and reads always go through. A saga with nothing to do is not behind. Refusals
 * are counted by the {@value #METER} meter and in the ops API's overview.
 */
@Component
public class OrderAdmission {

    static final String METER = "orderflow.orders.refused";
    static final String REASON = "SAGA_BACKLOG";
    /** A saga that handled nothing for this long has nothing to do. */
    private static final Duration RECENT = Duration.ofSeconds(2);

    private final Duration admissionLag;
    private final OpsStats stats;
    private final Counter refused;

    public OrderAdmission(OrderSagaProperties properties, OpsStats stats, MeterRegistry meters) {
        this.admissionLag = properties.admissionLag();
        this.stats = stats;
        this.refused = Counter.builder(METER).tag("reason", REASON)
                              .description("New orders refused while the order saga was behind").register(meters);
    }

    /** @throws ServiceBusyException (503) while the saga is further behind than the admission lag */
    public void admit() {
        long lag = stats.delay(OrderSaga.PROCESSING_GROUP, RECENT).toMillis();
        if (lag > admissionLag.toMillis()) {
            refused.increment();
            stats.requestRefused(REASON);
            throw new ServiceBusyException(REASON, "The order saga is " + lag + " ms behind (more than "
                                                   + admissionLag.toMillis() + " ms): no new orders until it caught up",
                                           Duration.ofMillis(Math.min(lag, 10_000)));
        }
    }
}
