package io.orderflow.orders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.orderflow.orders.command.PlaceOrderCommand;
import io.orderflow.orders.saga.OrderSaga;
import io.orderflow.platform.commandbus.PeerAuthentication;
import io.orderflow.platform.test.ServiceTestInfrastructure;
import io.orderflow.platform.test.TestKafka;
import io.orderflow.platform.test.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orders service on real PostgreSQL and Kafka, alone: no payments or fulfillment service answers, so every
 * order runs into its (shortened) deadline.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"orderflow.orders.deadline=3s", "orderflow.orders.resend-interval=2s"})
@DirtiesContext
class OrdersIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestInfrastructure.register(registry, "orders");
        int nobody = ServiceTestInfrastructure.freePort();
        registry.add("orderflow.commandbus.peers.payments", () -> "http://127.0.0.1:" + nobody);
        registry.add("orderflow.commandbus.peers.fulfillment", () -> "http://127.0.0.1:" + nobody);
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeadlineManager deadlineManager;
    @Autowired
    TransactionManager transactionManager;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void asOperator() {
        TestTokens.authorize(http, TestTokens.operator());
    }

    @Test
    void letsCustomersSeeAndActOnlyOnTheirOwnOrdersAndNobodyInWithoutACredential() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        String orderId = (String) place(alice, null, line("sku-1", 1, "5.00")).getBody().get("orderId");
        awaitOrder(orderId);

        ResponseEntity<String> anonymous = anonymous().getForEntity("/orders/" + orderId, String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(as("not.a.token", HttpMethod.GET, "/orders/" + orderId, null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        String forged = TestTokens.customer(alice);
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA";
        assertThat(as(forged, HttpMethod.GET, "/orders/" + orderId, null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        String aliceToken = TestTokens.customer(alice);
        String bobToken = TestTokens.customer(bob);
        assertThat(as(aliceToken, HttpMethod.GET, "/orders/" + orderId, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as(aliceToken, HttpMethod.GET, "/orders?customerId=" + alice, null).getBody()).contains(orderId);
        assertThat(as(bobToken, HttpMethod.GET, "/orders/" + orderId, null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as(bobToken, HttpMethod.GET, "/orders?customerId=" + alice, null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as(bobToken, HttpMethod.POST, "/orders/" + orderId + "/cancel", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        String bobForAlice = "{\"customerId\":\"" + alice + "\",\"lines\":[{\"sku\":\"sku-1\",\"quantity\":1,"
                             + "\"unitPrice\":1.00}]}";
        ResponseEntity<String> impersonation = as(bobToken, HttpMethod.POST, "/orders", bobForAlice);
        assertThat(impersonation.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(impersonation.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%OrderPlacedEvent' "
                            + "AND convert_from(payload, 'UTF8') LIKE ?").param("%" + alice + "%")
                       .query(Long.class).single()).isEqualTo(1);
        assertThat(as(aliceToken, HttpMethod.POST, "/orders/" + orderId + "/cancel", null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);

        // operators only: the ops API and Actuator beyond health
        assertThat(as(aliceToken, HttpMethod.GET, "/ops/processors", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as(aliceToken, HttpMethod.GET, "/actuator/metrics", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(anonymous().getForEntity("/actuator/metrics", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        JsonNode health = json.readTree(anonymous().getForEntity("/actuator/health", String.class).getBody());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.has("components")).as("components shown without a credential").isFalse();
        assertThat(as(TestTokens.operator(), HttpMethod.GET, "/actuator/metrics", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void reportsEventProcessingDegradedWhileAProcessorIsStoppedAndUpOnceItRunsAgain() {
        String operator = TestTokens.operator();
        assertThat(as(operator, HttpMethod.POST, "/ops/processors/order-summary/pause", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        try {
            ResponseEntity<String> degraded = as(operator, HttpMethod.GET, "/actuator/health", null);
            assertThat(degraded.getStatusCode()).as("a degraded service still answers").isEqualTo(HttpStatus.OK);
            JsonNode health = json.readTree(degraded.getBody());
            assertThat(health.path("status").asString()).isEqualTo("DEGRADED");
            JsonNode processors = health.path("components").path("eventProcessors");
            assertThat(processors.path("status").asString()).isEqualTo("DEGRADED");
            assertThat(processors.path("details").path("problems").path("order-summary").asString())
                    .contains("not running");
            assertThat(json.readTree(anonymous().getForEntity("/actuator/health", String.class).getBody())
                           .path("status").asString()).isEqualTo("DEGRADED");
        } finally {
            assertThat(as(operator, HttpMethod.POST, "/ops/processors/order-summary/start", null).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                json.readTree(as(operator, HttpMethod.GET, "/actuator/health", null).getBody())
                    .path("status").asString()).isEqualTo("UP"));
    }

    private ResponseEntity<String> as(String token, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private TestRestTemplate anonymous() {
        return new TestRestTemplate(new RestTemplateBuilder().baseUri(http.getRootUri()));
    }

    @Test
    void acceptsCommandBusRequestsOnlyFromPeersThatKnowTheSecret() {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> anonymous = http.exchange("/spring-command-bus-connector/command", HttpMethod.POST,
                                                         new HttpEntity<>("{}", json), String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        HttpHeaders wrong = new HttpHeaders();
        wrong.set(PeerAuthentication.HEADER, "guessed");
        assertThat(http.exchange("/command-bus/capabilities", HttpMethod.GET, new HttpEntity<>(wrong), String.class)
                       .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        HttpHeaders peer = new HttpHeaders();
        peer.set(PeerAuthentication.HEADER, ServiceTestInfrastructure.COMMAND_BUS_SECRET);
        ResponseEntity<String> capabilities = http.exchange("/command-bus/capabilities", HttpMethod.GET,
                                                            new HttpEntity<>(peer), String.class);
        assertThat(capabilities.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(capabilities.getBody()).contains(PlaceOrderCommand.class.getName());
    }

    @Test
    void cancelsAnOrderForTimeoutWhenNoOtherContextAnswers() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        ResponseEntity<Map> placed = place(customer, null, line("sku-1", 2, "10.00"), line("sku-2", 1, "0.99"));

        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String orderId = (String) placed.getBody().get("orderId");
        assertThat(placed.getBody()).containsEntry("status", "PLACED");
        assertThat(placed.getHeaders().getLocation()).hasToString("/orders/" + orderId);

        Map<String, Object> order = awaitOrder(orderId);
        assertThat(order).containsEntry("status", "PLACED").containsEntry("customerId", customer);
        assertThat(new BigDecimal(order.get("total").toString())).isEqualByComparingTo("20.99");
        assertThat((List<?>) order.get("lines")).hasSize(2);

        String sagaId = await().atMost(Duration.ofSeconds(3)).until(() -> sagaOf(orderId), Optional::isPresent).get();
        JsonNode saga = json.readTree(jdbc.sql("SELECT serializedsaga FROM sagaentry WHERE sagaid = ?")
                                          .param(sagaId).query(byte[].class).single());
        assertThat(saga.path("orderId").asString()).isEqualTo(orderId);
        assertThat(saga.path("customerId").asString()).isEqualTo(customer);
        assertThat(jdbc.sql("SELECT sagatype FROM sagaentry WHERE sagaid = ?").param(sagaId).query(String.class)
                       .single()).isEqualTo(OrderSaga.class.getName());
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(deadlinesOf(sagaId)).isPositive();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(awaitOrder(orderId))
                .containsEntry("status", "CANCELLED").containsEntry("reason", "TIMEOUT"));
        // no participant confirmed that the withdrawn reservation holds nothing: the saga stays, its deadline
        // resending the withdrawal, so a fulfillment service that comes back late still releases what it reserved
        assertThat(sagaOf(orderId)).isPresent();
        assertThat(deadlinesOf(sagaId)).isPositive();
    }

    @Test
    void cancelsAnOrderAtTheCustomersRequest() {
        String orderId = (String) place("c-" + UUID.randomUUID(), null, line("sku-1", 1, "5.00")).getBody()
                                                                                                      .get("orderId");

        ResponseEntity<Map> cancelled = http.postForEntity("/orders/" + orderId + "/cancel", null, Map.class);

        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(cancelled.getBody()).containsEntry("orderId", orderId).containsKey("status");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(awaitOrder(orderId))
                .containsEntry("status", "CANCELLED").containsEntry("reason", "CANCELLED_BY_CUSTOMER"));
    }

    @Test
    void refusesToCancelAnOrderThatEnded() {
        String orderId = (String) place("c-" + UUID.randomUUID(), null, line("sku-1", 1, "5.00")).getBody()
                                                                                                      .get("orderId");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(awaitOrder(orderId))
                .containsEntry("status", "CANCELLED"));

        ResponseEntity<Map> refused = http.postForEntity("/orders/" + orderId + "/cancel", null, Map.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(refused.getBody()).containsEntry("code", "ORDER_NOT_CANCELLABLE");
    }

    @Test
    void answersARepeatedRequestWithTheSameOrderAndRefusesTheKeyForAnotherOne() {
        String customer = "c-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();

        ResponseEntity<Map> first = place(customer, key, line("sku-1", 2, "10.00"));
        ResponseEntity<Map> again = place(customer, key, line("sku-1", 2, "10"));
        ResponseEntity<Map> other = place(customer, key, line("sku-1", 3, "10.00"));

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String orderId = (String) first.getBody().get("orderId");
        assertThat(orderId).isEqualTo(UUID.nameUUIDFromBytes((customer + ":" + key).getBytes(StandardCharsets.UTF_8))
                                          .toString());
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(again.getBody()).containsEntry("orderId", orderId);
        assertThat(again.getHeaders().getLocation()).hasToString("/orders/" + orderId);
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(other.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(other.getBody()).containsEntry("code", "IDEMPOTENCY_KEY_REUSED");

        awaitOrder(orderId);
        assertThat(List.of(http.getForObject("/orders?customerId=" + customer, Map[].class)))
                .singleElement().satisfies(order -> assertThat(order).containsEntry("orderId", orderId));
    }

    @Test
    void listsACustomersOrdersNewestFirst() {
        String customer = "c-" + UUID.randomUUID();
        String older = (String) place(customer, null, line("sku-1", 1, "1.00")).getBody().get("orderId");
        awaitOrder(older);
        String newer = (String) place(customer, null, line("sku-2", 1, "2.00")).getBody().get("orderId");
        awaitOrder(newer);

        List<Map> orders = List.of(http.getForObject("/orders?customerId=" + customer, Map[].class));

        assertThat(orders).extracting(order -> order.get("orderId")).containsExactly(newer, older);
    }

    @Test
    void rejectsMalformedOrdersNamingTheField() {
        assertBadRequest(post("{\"customerId\": ", null), null);
        assertBadRequest(post("""
                              {"lines": [{"sku": "sku-1", "quantity": 1, "unitPrice": 1.00}]}""", null), "customerId");
        assertBadRequest(post("""
                              {"customerId": "c-1", "lines": []}""", null), "lines");
        assertBadRequest(post("""
                              {"customerId": "c-1", "lines": [{"sku": "sku-1", "quantity": 0, "unitPrice": 1.00}]}""",
                              null), "lines[0].quantity");
        assertBadRequest(post("""
                              {"customerId": "c-1", "lines": [{"sku": "sku-1", "quantity": 1, "unitPrice": 1.234}]}""",
                              null), "lines[0].unitPrice");
        assertBadRequest(post("""
                              {"customerId": "c-1", "lines": [{"sku": "sku-1", "quantity": 1, "unitPrice": 1.00},
                                                              {"sku": "sku-1", "quantity": 2, "unitPrice": 1.00}]}""",
                              null), "lines");
        assertBadRequest(post("""
                              {"customerId": "c 1", "lines": [{"sku": "sku-1", "quantity": 1, "unitPrice": 1.00}]}""",
                              null), "customerId");
        assertBadRequest(post("""
                              {"customerId": "c-1", "lines": [{"sku": "sku-1", "quantity": 1, "unitPrice": 1.00}]}""",
                              "not a key!"), "Idempotency-Key");
        assertBadRequest(http.getForEntity("/orders?customerId=not an id", Map.class), "customerId");
    }

    @Test
    void answersNotFoundForAnUnknownOrder() {
        String unknown = UUID.randomUUID().toString();

        ResponseEntity<Map> read = http.getForEntity("/orders/" + unknown, Map.class);
        ResponseEntity<Map> cancel = http.postForEntity("/orders/" + unknown + "/cancel", null, Map.class);

        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(read.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(cancel.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void publishesItsEventsToKafkaKeyedByOrder() {
        String orderId = (String) place("c-" + UUID.randomUUID(), null, line("sku-1", 1, "3.00")).getBody()
                                                                                                       .get("orderId");

        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer()) {
            consumer.subscribe(List.of("orders-events"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (orderId.equals(record.key())) {
                        types.add(new String(record.headers().lastHeader("axon-message-type").value(),
                                             StandardCharsets.UTF_8));
                    }
                }
                return !types.isEmpty();
            });
        }
        assertThat(types.get(0)).isEqualTo("io.orderflow.orders.api.OrderPlacedEvent");
    }

    private ResponseEntity<Map> place(String customerId, String idempotencyKey, Map<?, ?>... lines) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.postForEntity("/orders", new HttpEntity<>(Map.of("customerId", customerId, "lines", List.of(lines)),
                                                             headers), Map.class);
    }

    private ResponseEntity<Map> post(String body, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.postForEntity("/orders", new HttpEntity<>(body, headers), Map.class);
    }

    private static Map<String, Object> line(String sku, int quantity, String unitPrice) {
        return Map.of("sku", sku, "quantity", quantity, "unitPrice", new BigDecimal(unitPrice));
    }

    private static void assertBadRequest(ResponseEntity<Map> response, String field) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        if (field != null) {
            assertThat((Map<String, Object>) response.getBody().get("errors")).containsKey(field);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitOrder(String orderId) {
        return (Map<String, Object>) await().atMost(Duration.ofSeconds(20))
                      .until(() -> http.getForEntity("/orders/" + orderId, Map.class),
                             r -> r.getStatusCode().is2xxSuccessful())
                      .getBody();
    }

    private Optional<String> sagaOf(String orderId) {
        return jdbc.sql("""
                        SELECT sagaid FROM associationvalueentry
                        WHERE sagatype = ? AND associationkey = ? AND associationvalue = ?""")
                   .params(OrderSaga.class.getName(), OrderSaga.ORDER_ID, orderId)
                   .query(String.class)
                   .optional();
    }

    /** A deadline's task data holds its scope, the saga's id, as serialized text. */
    private long deadlinesOf(String sagaId) {
        return jdbc.sql("""
                        SELECT count(*) FROM scheduled_tasks
                        WHERE task_name = 'AxonDeadline' AND position(convert_to(?, 'UTF8') IN task_data) > 0""")
                   .param(sagaId)
                   .query(Long.class)
                   .single();
    }

}
