package io.orderflow.payments.ops;

import io.orderflow.payments.api.AccountOpenedEvent;
import io.orderflow.platform.test.ServiceTestInfrastructure;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's ops API in the real payments service on real PostgreSQL and Kafka, with one extra projection
 * ({@code ops-probe}) that fails on demand: a poison event is parked in the dead-letter queue while later events
 * go on, retry after the fix handles it, replay rebuilds the projection, pause stops the processor and start
 * resumes it.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"orderflow.operator.user=ops", "orderflow.operator.password=s3cret"})
// Spring Boot switches tracing off in tests; the trace ids of the event streams are part of what is tested here
@AutoConfigureTracing
@Import(OpsApiIT.ProbeConfiguration.class)
@DirtiesContext
class OpsApiIT {

    private static final String PROBE = "ops-probe";
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestInfrastructure.register(registry, "payments");
    }

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    Probe probe;
    @Autowired
    MeterRegistry meters;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    TestRestTemplate operator;

    @BeforeEach
    void operator() {
        operator = anonymous.withBasicAuth("ops", "s3cret");
        probe.broken = false;
    }

    @Test
    void letsOnlyTheOperatorIn() {
        assertThat(anonymous.getForEntity("/ops/processors", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.withBasicAuth("ops", "wrong").getForEntity("/ops/processors", String.class)
                            .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(operator.getForEntity("/ops/processors", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(anonymous.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(anonymous.getForEntity("/accounts/nobody-" + UUID.randomUUID(), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(operator.getForEntity("/accounts/nobody-" + UUID.randomUUID(), String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    /**
     * The dashboard and scripts poll with the operator's Basic credential: no request may pay a slow password hash
     * (bcrypt costs tens of ms of CPU per check: 40 checked requests cost about 3.6 s on the threads that serve them
     * on a 2-core machine, against about 0.25 s without).
     */
    @Test
    void checksTheOperatorsCredentialWithoutASlowHash() {
        for (int i = 0; i < 20; i++) {
            assertThat(operator.getForEntity("/ops/no-such-page", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        }
        long before = requestThreadsCpuNanos();
        for (int i = 0; i < 40; i++) {
            assertThat(operator.getForEntity("/ops/no-such-page", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        }
        long cpuMillis = (requestThreadsCpuNanos() - before) / 1_000_000;

        assertThat(cpuMillis).as("CPU of the threads serving 40 Basic-authenticated requests").isLessThan(1_200);
    }

    private static long requestThreadsCpuNanos() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("http-nio-")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    @Test
    void measuresProcessorsWithAxonMicrometer() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(meters.getMeters())
                .extracting(meter -> meter.getId().getName())
                .anyMatch(name -> name.startsWith("eventProcessor"))
                .anyMatch(name -> name.startsWith("commandBus")));
    }

    @Test
    void listsProcessorsWithSegmentsAndLag() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> processors = get("/ops/processors");
            assertThat(processors).extracting(p -> p.get("name")).contains("accounts", PROBE);
            Map<String, Object> accounts = byName(processors, "accounts");
            assertThat(accounts.get("running")).isEqualTo(true);
            assertThat(accounts.get("type")).isEqualTo("PooledStreamingEventProcessor");
            assertThat((List<?>) accounts.get("segments")).hasSize(2);
            assertThat(accounts.get("lagEvents")).isEqualTo(0);
        });
    }

    @Test
    void parksAPoisonEventWhileLaterEventsGoOnAndRetriesItAfterTheFix() {
        probe.broken = true;
        String poison = openAccount("poison-");
        String fine = openAccount("fine-");

        await().atMost(Duration.ofSeconds(30)).until(() -> probe.handled.contains(fine));
        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30)).until(
                () -> deadLetterOf(poison), java.util.Objects::nonNull);
        assertThat(letter.get("processingGroup")).isEqualTo(PROBE);
        assertThat(letter.get("eventType")).isEqualTo(AccountOpenedEvent.class.getName());
        assertThat(letter.get("causeMessage")).asString().contains("probe is broken");
        assertThat(probe.handled).doesNotContain(poison);
        assertThat(operator.getForObject("/ops/dead-letters/" + letter.get("id"), Map.class)).containsEntry("aggregateId", poison);

        probe.broken = false;
        ResponseEntity<Map> retried = operator.postForEntity("/ops/dead-letters/" + letter.get("id") + "/retry", null,
                                                             Map.class);
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getBody()).containsEntry("processed", true);
        assertThat(probe.handled).contains(poison);
        assertThat(deadLetterOf(poison)).isNull();
    }

    @Test
    void evictsADeadLetterForGood() {
        probe.broken = true;
        String poison = openAccount("evicted-");
        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30)).until(
                () -> deadLetterOf(poison), java.util.Objects::nonNull);
        probe.broken = false;

        ResponseEntity<Void> evicted = operator.exchange("/ops/dead-letters/" + letter.get("id"), HttpMethod.DELETE,
                                                         null, Void.class);
        assertThat(evicted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(deadLetterOf(poison)).isNull();
        assertThat(probe.handled).doesNotContain(poison);
        assertThat(operator.postForEntity("/ops/dead-letters/" + letter.get("id") + "/retry", null, String.class)
                           .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void showsALetterWhosePayloadCanNoLongerBeReadAsItsStoredText() {
        probe.broken = true;
        String garbled = openAccount("garbled-");
        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30)).until(
                () -> deadLetterOf(garbled), java.util.Objects::nonNull);
        String stored = "{\"customerId\":\"" + garbled + "\",\"creditLimit\":\u0001";
        jdbc.update("UPDATE deadletterentry SET payload = ? WHERE deadletteridentifier = ?",
                    stored.getBytes(java.nio.charset.StandardCharsets.UTF_8), letter.get("id"));

        ResponseEntity<List<Map<String, Object>>> listed =
                operator.exchange("/ops/dead-letters?processingGroup=" + PROBE, HttpMethod.GET, null, LIST);

        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> shown = listed.getBody().stream().filter(l -> l.get("id").equals(letter.get("id")))
                                          .findFirst().orElseThrow();
        assertThat((Map<String, Object>) shown.get("payload"))
                .containsEntry("unreadable", true)
                .containsEntry("stored", stored.replace("\u0001", "\\u0001"))
                .hasEntrySatisfying("error", error -> assertThat(error).asString().isNotBlank());
        assertThat(shown.get("eventType")).isEqualTo(AccountOpenedEvent.class.getName());
        assertThat(operator.exchange("/ops/dead-letters/" + letter.get("id"), HttpMethod.DELETE, null, Void.class)
                           .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void pauseStopsTheProcessorAndStartResumesIt() {
        Map<?, ?> paused = operator.postForObject("/ops/processors/" + PROBE + "/pause", null, Map.class);
        assertThat(paused.get("running")).isEqualTo(false);
        String whilePaused = openAccount("paused-");
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
               .untilAsserted(() -> assertThat(probe.handled).doesNotContain(whilePaused));

        Map<?, ?> started = operator.postForObject("/ops/processors/" + PROBE + "/start", null, Map.class);
        assertThat(started.get("running")).isEqualTo(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.handled.contains(whilePaused));
    }

    @Test
    void replayRebuildsAProjection() {
        String before = openAccount("replayed-");
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.handled.contains(before));
        int resetsBefore = probe.resets;

        Map<?, ?> replaying = operator.postForObject("/ops/processors/" + PROBE + "/replay", null, Map.class);
        assertThat(replaying.get("running")).isEqualTo(true);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(probe.resets).isEqualTo(resetsBefore + 1);
            assertThat(probe.handled).contains(before);
            assertThat(byName(get("/ops/processors"), PROBE).get("replaying")).isEqualTo(false);
        });
    }

    @Test
    void showsTheEventStreamOfAnAggregateWithItsTraceId() {
        String customer = openAccount("traced-");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> events = get("/ops/aggregates/" + customer + "/events");
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.get("eventType")).isEqualTo(AccountOpenedEvent.class.getName());
                assertThat(event.get("traceId")).isNotNull();
                assertThat(((Map<?, ?>) event.get("payload")).get("customerId")).isEqualTo(customer);
            });
        });
        assertThat(operator.getForObject("/ops/overview", Map.class))
                .containsEntry("service", "payments").containsKeys("commandsHandled", "deadLetters", "activeSagas");
        assertThat(operator.getForObject("/ops/sagas", Map.class)).containsKey("activeByType");
    }

    private String openAccount(String prefix) {
        String customer = prefix + UUID.randomUUID();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> created = operator.postForEntity(
                "/accounts", new HttpEntity<>(Map.of("customerId", customer, "creditLimit", 100), headers), Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return customer;
    }

    private Map<String, Object> deadLetterOf(String aggregateId) {
        return get("/ops/dead-letters?processingGroup=" + PROBE).stream()
                                                                  .filter(l -> aggregateId.equals(l.get("aggregateId")))
                                                                  .findFirst().orElse(null);
    }

    private List<Map<String, Object>> get(String path) {
        ResponseEntity<List<Map<String, Object>>> response = operator.exchange(path, HttpMethod.GET, null, LIST);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static Map<String, Object> byName(List<Map<String, Object>> processors, String name) {
        return processors.stream().filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    @TestConfiguration
    static class ProbeConfiguration {
        @Bean
        Probe probe() {
            return new Probe();
        }
    }

    /** A projection that can be broken and fixed, remembering the accounts it handled. */
    @ProcessingGroup(PROBE)
    static class Probe {
        final Set<String> handled = ConcurrentHashMap.newKeySet();
        volatile boolean broken;
        volatile int resets;

        @EventHandler
        void on(AccountOpenedEvent event) {
            if (broken && !event.customerId().startsWith("fine-")) {
                throw new IllegalStateException("probe is broken for " + event.customerId());
            }
            handled.add(event.customerId());
        }

        @ResetHandler
        void reset() {
            handled.clear();
            resets++;
        }
    }
}
