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
import java.time.Duration;
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
