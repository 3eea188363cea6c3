package io.orderflow.orders.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderflow.orders.saga.OrderSaga;
import io.orderflow.orders.saga.OrderSagaProperties;
import io.orderflow.platform.ops.OpsStats;
import io.orderflow.platform.web.ServiceBusyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OrderAdmissionTest {

    private final OpsStats stats = new OpsStats();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OrderAdmission admission = new OrderAdmission(
            new OrderSagaProperties(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(3), 5), stats, meters);

    @Test
    void admitsWhileTheSagaKeepsUp() {
        stats.eventHandled(OrderSaga.PROCESSING_GROUP, Instant.now().minusMillis(200));

        assertThatCode(admission::admit).doesNotThrowAnyException();
        assertThat(stats.requestsRefused()).isEmpty();
    }

    @Test
    void admitsWhenTheSagaHasNothingToDo() {
        assertThatCode(admission::admit).doesNotThrowAnyException();
    }

    @Test
    void refusesWithRetryAfterWhileTheSagaIsBehindAndCountsIt() {
        stats.eventHandled(OrderSaga.PROCESSING_GROUP, Instant.now().minusSeconds(5));

        ServiceBusyException refused = catchThrowableOfType(ServiceBusyException.class, admission::admit);

        assertThat(refused.code()).isEqualTo("SAGA_BACKLOG");
        assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6));
        assertThat(refused.getMessage()).contains("behind");
        assertThat(stats.requestsRefused()).isEqualTo(Map.of("SAGA_BACKLOG", 1L));
        assertThat(meters.get(OrderAdmission.METER).tag("reason", "SAGA_BACKLOG").counter().count()).isEqualTo(1.0);
    }

    @Test
    void admitsAgainOnceTheSagaCaughtUp() {
        stats.eventHandled(OrderSaga.PROCESSING_GROUP, Instant.now().minusSeconds(5));
        catchThrowableOfType(ServiceBusyException.class, admission::admit);

        stats.eventHandled(OrderSaga.PROCESSING_GROUP, Instant.now());

        assertThatCode(admission::admit).doesNotThrowAnyException();
    }
}
