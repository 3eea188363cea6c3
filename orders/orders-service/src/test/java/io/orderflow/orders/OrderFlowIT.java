package io.orderflow.orders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.orderflow.fulfillment.api.ReservationFailureReason;
import io.orderflow.fulfillment.api.ShipmentDeliveredEvent;
import io.orderflow.fulfillment.api.ShipmentDispatchedEvent;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import io.orderflow.fulfillment.api.StockLine;
import io.orderflow.fulfillment.api.StockReservationFailedEvent;
import io.orderflow.fulfillment.api.StockReservedEvent;
import io.orderflow.orders.saga.OrderSaga;
import io.orderflow.payments.api.PaymentAuthorizedEvent;
import io.orderflow.payments.api.PaymentCapturedEvent;
import io.orderflow.platform.test.ServiceTestInfrastructure;
import io.orderflow.platform.test.TestKafka;
import io.orderflow.platform.test.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.platform.kafka.UnreadableRecordHandler;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order saga on real PostgreSQL and Kafka, with the answers of payments and fulfillment published to their
 * topics by the test: the saga reads its own event store and both topics as one stream.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "orderflow.orders.deadline=120s")
@DirtiesContext
class OrderFlowIT {

    private static final String FULFILLMENT = "fulfillment-events";
    private static final String PAYMENTS = "payments-events";

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
    KafkaMessageConverter<String, byte[]> converter;
    @Autowired
    MeterRegistry meters;

    private final ObjectMapper json = new ObjectMapper();
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void asOperator() {
        TestTokens.authorize(http, TestTokens.operator());
    }

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                                       new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    @Test
    void completesAnOrderAndRecordsItsDeliveryAsPaymentsAndFulfillmentAnswer() {
        String customer = "c-" + UUID.randomUUID();
        String orderId = place(customer);
        String shipmentId = OrderSaga.SHIPMENT_ID_PREFIX + orderId;
        List<StockLine> stock = List.of(new StockLine("sku-1", 2));
        BigDecimal total = new BigDecimal("12.50");
        awaitSaga(orderId, "stock", "REQUESTED");

        publish(FULFILLMENT, new StockReservedEvent(orderId, stock));
        awaitSaga(orderId, "payment", "REQUESTED");

        publish(PAYMENTS, new PaymentAuthorizedEvent(customer, orderId, total));
        awaitStatus(orderId, "CONFIRMED");
        awaitSaga(orderId, "shipment", "REQUESTED");

        publish(FULFILLMENT, new ShipmentPreparedEvent(shipmentId, orderId, stock));
        publish(FULFILLMENT, new ShipmentDispatchedEvent(shipmentId, orderId, stock));
        awaitStatus(orderId, "SHIPPED");

        publish(PAYMENTS, new PaymentCapturedEvent(customer, orderId, total));
        awaitStatus(orderId, "COMPLETED");
        await().atMost(Duration.ofSeconds(20)).until(() -> saga(orderId).isEmpty());

        publish(FULFILLMENT, new ShipmentDeliveredEvent(shipmentId, orderId));
        await().atMost(Duration.ofSeconds(20)).until(() -> order(orderId).get("deliveredAt") != null);
    }

    @Test
    void rejectsAnOrderWhoseStockCannotBeReserved() {
        String orderId = place("c-" + UUID.randomUUID());
        awaitSaga(orderId, "stock", "REQUESTED");

        publish(FULFILLMENT, new StockReservationFailedEvent(orderId, ReservationFailureReason.UNKNOWN_SKU, "sku-1"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(order(orderId))
                .containsEntry("status", "REJECTED").containsEntry("reason", "OUT_OF_STOCK"));
        await().atMost(Duration.ofSeconds(20)).until(() -> saga(orderId).isEmpty());
    }

    @Test
    void holdsOnlyTheOrderAnUnreadableAnswerNamesUntilAnOperatorActs() {
        String held = place("c-" + UUID.randomUUID());
        String other = place("c-" + UUID.randomUUID());
        awaitSaga(held, "stock", "REQUESTED");
        awaitSaga(other, "stock", "REQUESTED");
        ProducerRecord<String, byte[]> answer = converter.createKafkaMessage(GenericEventMessage.asEventMessage(
                new PaymentAuthorizedEvent("c-1", held, new BigDecimal("12.50"))), PAYMENTS);
        byte[] cut = Arrays.copyOf(answer.value(), answer.value().length - 6);
        producer.send(new ProducerRecord<>(PAYMENTS, null, answer.key(), cut, answer.headers()));
        producer.flush();
        await().atMost(Duration.ofSeconds(20)).until(() -> sagaLetters(held).size() == 1);

        publish(FULFILLMENT, new StockReservedEvent(held, List.of(new StockLine("sku-1", 2))));
        publish(FULFILLMENT, new StockReservedEvent(other, List.of(new StockLine("sku-1", 2))));

        awaitSaga(other, "payment", "REQUESTED");
        await().atMost(Duration.ofSeconds(20)).until(() -> sagaLetters(held).size() == 2);
        assertThat(saga(held).orElseThrow().path("stock").asString()).isEqualTo("REQUESTED");
        List<JsonNode> letters = sagaLetters(held);
        JsonNode unreadable = letters.get(0).path("payload");
        assertThat(unreadable.path("unreadable").asBoolean()).isTrue();
        assertThat(unreadable.path("topic").asString()).isEqualTo(PAYMENTS);
        assertThat(unreadable.path("value").asString()).isEqualTo(new String(cut, StandardCharsets.UTF_8));
        assertThat(letters.get(0).path("causeMessage").asString()).startsWith("Unreadable record " + PAYMENTS + "/");
        assertThat(letters.get(1).path("eventType").asString()).isEqualTo(StockReservedEvent.class.getName());
        JsonNode health = json.readTree(http.getForObject("/actuator/health", String.class));
        assertThat(health.path("components").path("eventProcessors").path("details").path("deadLetters")
                         .path(OrderSaga.PROCESSING_GROUP).asLong()).isGreaterThanOrEqualTo(2);
        assertThat(meters.get(UnreadableRecordHandler.METER).tag("group", OrderSaga.PROCESSING_GROUP).counter()
                         .count()).isGreaterThanOrEqualTo(1.0);

        Map<String, Object> incident = (Map<String, Object>) order(held).get("incident");
        assertThat(incident).containsEntry("eventsWaiting", 2);
        assertThat((String) incident.get("cause")).startsWith("Unreadable record " + PAYMENTS + "/");
        assertThat(order(other).get("incident")).isNull();

        JsonNode stillUnreadable = retry(letters.get(0).path("id").asString());
        assertThat(stillUnreadable.path("processed").asBoolean()).isFalse();
        assertThat(stillUnreadable.path("cause").asString()).contains("Unreadable record");
        assertThat(sagaLetters(held)).hasSize(2);

        http.delete("/ops/dead-letters/" + letters.get(0).path("id").asString());
        JsonNode retried = retry(letters.get(1).path("id").asString());

        assertThat(retried.path("processed").asBoolean()).isTrue();
        assertThat(sagaLetters(held)).isEmpty();
        awaitSaga(held, "payment", "REQUESTED");
        assertThat(order(held).get("incident")).isNull();
    }

    private List<JsonNode> sagaLetters(String orderId) {
        JsonNode letters = json.readTree(http.getForObject(
                "/ops/dead-letters?processingGroup=" + OrderSaga.PROCESSING_GROUP, String.class));
        List<JsonNode> found = new java.util.ArrayList<>();
        letters.forEach(letter -> {
            if (orderId.equals(letter.path("sequenceIdentifier").asString())) {
                found.add(letter);
            }
        });
        found.sort(java.util.Comparator.comparingLong(letter -> letter.path("sequenceIndex").asLong()));
        return found;
    }

    private JsonNode retry(String letterId) {
        return json.readTree(http.postForObject("/ops/dead-letters/" + letterId + "/retry", null, String.class));
    }

    private String place(String customer) {
        ResponseEntity<Map> placed = http.postForEntity("/orders", Map.of(
                "customerId", customer,
                "lines", List.of(Map.of("sku", "sku-1", "quantity", 2, "unitPrice", new BigDecimal("6.25")))), Map.class);
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return (String) placed.getBody().get("orderId");
    }

    private void publish(String topic, Object event) {
        producer.send(converter.createKafkaMessage(GenericEventMessage.asEventMessage(event), topic));
        producer.flush();
    }

    private void awaitSaga(String orderId, String participant, String state) {
        await().atMost(Duration.ofSeconds(20))
               .until(() -> saga(orderId).map(saga -> saga.path(participant).asString()).orElse(""), state::equals);
    }

    private void awaitStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> order(orderId).get("status"), status::equals);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> order(String orderId) {
        ResponseEntity<Map> response = http.getForEntity("/orders/" + orderId, Map.class);
        return response.getStatusCode().is2xxSuccessful() ? response.getBody() : Map.of();
    }

    private Optional<JsonNode> saga(String orderId) {
        return jdbc.sql("""
                        SELECT s.serializedsaga FROM sagaentry s
                        JOIN associationvalueentry a ON a.sagaid = s.sagaid
                        WHERE a.sagatype = ? AND a.associationkey = ? AND a.associationvalue = ?""")
                   .params(OrderSaga.class.getName(), OrderSaga.ORDER_ID, orderId)
                   .query(byte[].class)
                   .optional()
                   .map(json::readTree);
    }
}
