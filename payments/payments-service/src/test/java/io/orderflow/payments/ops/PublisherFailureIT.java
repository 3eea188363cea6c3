package io.orderflow.payments.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.ops.OpsStats;
import io.orderflow.platform.test.ServiceTestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Kafka publisher that cannot publish (here every record is over the producer's size limit) does not stall its
 * topic in silence: the service's health turns DEGRADED naming the publisher and the broker's refusal, and a metric
 * counts the failed attempts. The account is still opened: the event waits in the event store, in order.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"orderflow.operator.user=ops", "orderflow.operator.password=s3cret",
                "axon.kafka.producer.properties[max.request.size]=64"})
@DirtiesContext
class PublisherFailureIT {

    private static final String PUBLISHER = "__axon-kafka-event-publishing-group";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestInfrastructure.register(registry, "payments");
    }

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    MeterRegistry meters;

    @Test
    void showsAPublisherThatCannotPublishInHealthAndMetrics() {
        TestRestTemplate operator = anonymous.withBasicAuth("ops", "s3cret");
        ResponseEntity<Map> opened = operator.postForEntity(
                "/accounts", Map.of("customerId", "c-" + UUID.randomUUID(), "creditLimit", 100), Map.class);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<?, ?> health = operator.getForObject("/actuator/health", Map.class);
            assertThat(health.get("status")).isEqualTo("DEGRADED");
            Map<?, ?> processors = (Map<?, ?>) ((Map<?, ?>) health.get("components")).get("eventProcessors");
            Map<?, ?> problems = (Map<?, ?>) ((Map<?, ?>) processors.get("details")).get("problems");
            assertThat((String) problems.get(PUBLISHER)).contains("failed within", "RecordTooLargeException");
        });
        assertThat(meters.get(OpsStats.EVENTS_FAILED).tag("processor", PUBLISHER).counter().count())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(anonymous.getForEntity("/actuator/health", String.class).getStatusCode())
                .as("a degraded service still answers").isEqualTo(HttpStatus.OK);
    }
}
