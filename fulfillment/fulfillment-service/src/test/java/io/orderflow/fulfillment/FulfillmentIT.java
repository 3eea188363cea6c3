package io.orderflow.fulfillment;

import io.orderflow.fulfillment.api.CancelShipmentCommand;
import io.orderflow.fulfillment.api.FulfillmentErrorCode;
import io.orderflow.fulfillment.api.PrepareShipmentCommand;
import io.orderflow.fulfillment.api.ReleaseStockCommand;
import io.orderflow.fulfillment.api.ReservationFailureReason;
import io.orderflow.fulfillment.api.ReserveStockCommand;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import io.orderflow.fulfillment.api.StockLine;
import io.orderflow.fulfillment.api.StockReleasedEvent;
import io.orderflow.fulfillment.api.StockReservationFailedEvent;
import io.orderflow.fulfillment.api.StockReservedEvent;
import io.orderflow.platform.test.ServiceTestInfrastructure;
import io.orderflow.platform.test.TestKafka;
import io.orderflow.platform.test.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.context.annotation.Bean;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The fulfillment service on real PostgreSQL and Kafka, shipments dispatched only on request. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "orderflow.fulfillment.auto-dispatch.enabled=false",
        "orderflow.fulfillment.stock.snapshot-threshold=10",
        "axon.eventhandling.processors." + RecordedEvents.PROCESSING_GROUP + ".mode=subscribing"})
@DirtiesContext
class FulfillmentIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestInfrastructure.register(registry, "fulfillment");
    }

    @BeforeEach
    void asOperator() {
        TestTokens.authorize(http, TestTokens.operator());
    }

    @TestConfiguration
    static class Recording {

        @Bean
        RecordedEvents recordedEvents() {
            return new RecordedEvents();
        }
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    CommandGateway commands;
    @Autowired
    RecordedEvents events;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    JdbcClient jdbc;

    @Test
    void serializesMessagesEventsAndSnapshotsWithJacksonOnly() {
        assertThat(List.of(axon.serializer(), axon.eventSerializer(), axon.messageSerializer()))
                .allSatisfy(serializer -> assertThat(serializer).isInstanceOf(Jackson3Serializer.class));
    }

    @Test
    void parksEventsItsOwnHandlersFailOnInTheDeadLetterQueueInsteadOfSkippingThem() {
        EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
        assertThat(List.of("inventory", "shipments", "auto-dispatch"))
                .allSatisfy(group -> {
                    assertThat(processing.deadLetterQueue(group)).isPresent();
                    assertThat(processing.listenerInvocationErrorHandler(group))
                            .isInstanceOf(PropagatingErrorHandler.class);
                });
    }

    @Test
    void receivesStockAndShowsItOnHand() {
        String sku = sku();
        ResponseEntity<Map> created = http.postForEntity("/inventory/" + sku + "/receipts",
                                                         json(Map.of("quantity", 10)), Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasToString("/inventory/" + sku);
        assertThat(created.getBody()).containsEntry("sku", sku).containsEntry("quantity", 10);
        receive(sku, 5);

        awaitInventory(sku, 15, 0, 15);
    }

    @Test
    void reservesNothingWhenTheSecondLineIsShort() {
        String plenty = sku();
        String scarce = sku();
        receive(plenty, 10);
        receive(scarce, 1);
        awaitInventory(scarce, 1, 0, 1);
        String order = order();

        commands.sendAndWait(new ReserveStockCommand(order, List.of(new StockLine(plenty, 2),
                                                                    new StockLine(scarce, 2))));

        await().untilAsserted(() -> assertThat(events.of(StockReservationFailedEvent.class,
                                                         e -> e.orderId().equals(order)))
                .containsExactly(new StockReservationFailedEvent(order, ReservationFailureReason.INSUFFICIENT_STOCK,
                                                                 scarce)));
        assertThat(events.of(StockReservedEvent.class, e -> e.orderId().equals(order))).isEmpty();
        awaitInventory(plenty, 10, 0, 10);
        awaitInventory(scarce, 1, 0, 1);
    }

    @Test
    void reservesNothingWhenASkuIsUnknown() {
        String known = sku();
        String unknown = sku();
        receive(known, 10);
        String order = order();

        commands.sendAndWait(new ReserveStockCommand(order, List.of(new StockLine(known, 2),
                                                                    new StockLine(unknown, 1))));

        await().untilAsserted(() -> assertThat(events.of(StockReservationFailedEvent.class,
                                                         e -> e.orderId().equals(order)))
                .containsExactly(new StockReservationFailedEvent(order, ReservationFailureReason.UNKNOWN_SKU,
                                                                 unknown)));
        awaitInventory(known, 10, 0, 10);
        assertThat(http.getForEntity("/inventory/" + unknown, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void releasingAReservationMakesItsStockAvailableAgain() {
        String sku = sku();
        receive(sku, 5);
        String order = order();
        commands.sendAndWait(new ReserveStockCommand(order, List.of(new StockLine(sku, 3))));
        awaitInventory(sku, 5, 3, 2);

        commands.sendAndWait(new ReleaseStockCommand(order));

        awaitInventory(sku, 5, 0, 5);
        assertThat(events.of(StockReleasedEvent.class, e -> e.orderId().equals(order)))
                .containsExactly(new StockReleasedEvent(order, List.of(new StockLine(sku, 3))));
    }

    @Test
    void aReleaseBeforeTheReservationMakesTheLateReservationANoOp() {
        String sku = sku();
        receive(sku, 5);
        String order = order();

        commands.sendAndWait(new ReleaseStockCommand(order));
        commands.sendAndWait(new ReserveStockCommand(order, List.of(new StockLine(sku, 3))));

        assertThat(events.of(StockReleasedEvent.class, e -> e.orderId().equals(order)))
                .containsExactly(new StockReleasedEvent(order, List.of()));
        assertThat(events.of(StockReservedEvent.class, e -> e.orderId().equals(order))).isEmpty();
        awaitInventory(sku, 5, 0, 5);
    }

    @Test
    void aCancellationBeforeThePreparationMakesTheLatePreparationANoOp() {
        String shipment = "s-" + UUID.randomUUID();
        String order = order();

        commands.sendAndWait(new CancelShipmentCommand(shipment, order));
        commands.sendAndWait(new PrepareShipmentCommand(shipment, order, List.of(new StockLine(sku(), 1))));

        Map<?, ?> view = awaitShipment(shipment, "CANCELLED");
        assertThat(view.get("orderId")).isEqualTo(order);
        assertThat((List<?>) view.get("lines")).isEmpty();
        assertThat(events.of(ShipmentPreparedEvent.class, e -> e.shipmentId().equals(shipment))).isEmpty();
        assertThat(http.getForObject("/shipments?orderId=" + order, Map[].class)).hasSize(1);
    }

    @Test
    void dispatchTakesTheGoodsFromHandAndFromReserveAndDeliveryFollows() {
        String sku = sku();
        receive(sku, 10);
        String order = order();
        String shipment = "s-" + UUID.randomUUID();
        commands.sendAndWait(new ReserveStockCommand(order, List.of(new StockLine(sku, 4))));
        commands.sendAndWait(new PrepareShipmentCommand(shipment, order, List.of(new StockLine(sku, 4))));
        awaitInventory(sku, 10, 4, 6);
        Map<?, ?> prepared = awaitShipment(shipment, "PREPARED");
        assertThat((List<Map<?, ?>>) prepared.get("lines")).containsExactly(Map.of("sku", sku, "quantity", 4));

        ResponseEntity<Map> dispatched = http.postForEntity("/shipments/" + shipment + "/dispatch", null, Map.class);
        assertThat(dispatched.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(dispatched.getBody()).containsEntry("shipmentId", shipment).containsEntry("status", "DISPATCHED");
        awaitInventory(sku, 6, 0, 6);
        awaitShipment(shipment, "DISPATCHED");

        assertThat(http.postForEntity("/shipments/" + shipment + "/dispatch", null, Map.class).getBody())
                .containsEntry("status", "DISPATCHED");
        ResponseEntity<Map> delivered = http.postForEntity("/shipments/" + shipment + "/delivered", null, Map.class);
        assertThat(delivered.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(delivered.getBody()).containsEntry("status", "DELIVERED");
        assertThat(http.postForEntity("/shipments/" + shipment + "/delivered", null, Map.class).getBody())
                .containsEntry("status", "DELIVERED");
        awaitShipment(shipment, "DELIVERED");
        assertThat(http.getForObject("/shipments?orderId=" + order, Map[].class))
                .singleElement().satisfies(s -> assertThat(s).containsEntry("status", "DELIVERED"));

        commands.sendAndWait(new ReleaseStockCommand(order));
        assertThat(events.of(StockReleasedEvent.class, e -> e.orderId().equals(order))).isEmpty();
        awaitInventory(sku, 6, 0, 6);
    }

    @Test
    void refusesToCancelAShipmentOnceItWasDispatched() {
        String sku = sku();
        receive(sku, 1);
        String order = order();
        String shipment = "s-" + UUID.randomUUID();
        commands.sendAndWait(new ReserveStockCommand(order, List.of(new StockLine(sku, 1))));
        commands.sendAndWait(new PrepareShipmentCommand(shipment, order, List.of(new StockLine(sku, 1))));
        http.postForEntity("/shipments/" + shipment + "/dispatch", null, Map.class);

        assertThatThrownBy(() -> commands.sendAndWait(new CancelShipmentCommand(shipment, order)))
                .isInstanceOfSatisfying(CommandExecutionException.class, e -> assertThat(e.getDetails())
                        .contains(FulfillmentErrorCode.SHIPMENT_ALREADY_DISPATCHED));
        awaitShipment(shipment, "DISPATCHED");
    }

    @Test
    void answersConflictForDispatchingACancelledShipmentOrDeliveringAnUndispatchedOne() {
        String order = order();
        String cancelled = "s-" + UUID.randomUUID();
        commands.sendAndWait(new CancelShipmentCommand(cancelled, order));
        ResponseEntity<Map> dispatch = http.postForEntity("/shipments/" + cancelled + "/dispatch", null, Map.class);
        assertThat(dispatch.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(dispatch.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(dispatch.getBody()).containsEntry("code", "SHIPMENT_STATE_CONFLICT");

        String prepared = "s-" + UUID.randomUUID();
        commands.sendAndWait(new PrepareShipmentCommand(prepared, order, List.of(new StockLine(sku(), 1))));
        ResponseEntity<Map> delivered = http.postForEntity("/shipments/" + prepared + "/delivered", null, Map.class);
        assertThat(delivered.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(delivered.getBody()).containsEntry("code", "SHIPMENT_STATE_CONFLICT");
    }

    @Test
    void reservesExactlyTheStockThereIsForConcurrentOrders() throws Exception {
        String sku = sku();
        receive(sku, 25);
        awaitInventory(sku, 25, 0, 25);
        String batch = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Object>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String order = "o-" + i + "-" + batch;
                all.add(CompletableFuture.supplyAsync(() -> commands.sendAndWait(
                        new ReserveStockCommand(order, List.of(new StockLine(sku, 1)))), pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }

        awaitInventory(sku, 25, 25, 0);
        assertThat(events.of(StockReservedEvent.class, e -> e.orderId().endsWith(batch))).hasSize(25);
        assertThat(events.of(StockReservationFailedEvent.class, e -> e.orderId().endsWith(batch)))
                .hasSize(15)
                .allSatisfy(e -> assertThat(e.reason()).isEqualTo(ReservationFailureReason.INSUFFICIENT_STOCK));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM snapshotevententry WHERE aggregateidentifier = ?")
                       .param(sku).query(Long.class).single())
                .as("the stock item was rebuilt from snapshots along the way").isPositive();
    }

    @Test
    void reservesConcurrentOrdersListingTheSameSkusInOppositeOrder() throws Exception {
        String a = sku();
        String b = sku();
        receive(a, 100);
        receive(b, 100);
        String batch = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Object>> all = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                List<StockLine> lines = i % 2 == 0 ? List.of(new StockLine(a, 1), new StockLine(b, 1))
                                                   : List.of(new StockLine(b, 1), new StockLine(a, 1));
                String order = "o-" + i + "-" + batch;
                all.add(CompletableFuture.supplyAsync(
                        () -> commands.sendAndWait(new ReserveStockCommand(order, lines)), pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(events.of(StockReservedEvent.class, e -> e.orderId().endsWith(batch))).hasSize(30);
        awaitInventory(a, 100, 30, 70);
        awaitInventory(b, 100, 30, 70);
    }

    @Test
    void publishesItsEventsToKafka() {
        String sku = sku();
        String order = order();
        receive(sku, 3);
        commands.sendAndWait(new ReserveStockCommand(order, List.of(new StockLine(sku, 2))));

        List<String> stockTypes = new ArrayList<>();
        List<String> orderTypes = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer()) {
            consumer.subscribe(List.of("fulfillment-events"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String type = new String(record.headers().lastHeader("axon-message-type").value(),
                                             StandardCharsets.UTF_8);
                    if (sku.equals(record.key())) {
                        stockTypes.add(type);
                    } else if (new String(record.value(), StandardCharsets.UTF_8).contains(order)) {
                        orderTypes.add(type);
                    }
                }
                return stockTypes.size() >= 2 && !orderTypes.isEmpty();
            });
        }
        assertThat(stockTypes).containsExactly("io.orderflow.fulfillment.api.StockReceivedEvent",
                                               "io.orderflow.fulfillment.api.StockAllocatedEvent");
        assertThat(orderTypes).containsExactly("io.orderflow.fulfillment.api.StockReservedEvent");
    }

    @Test
    void rejectsInvalidReceiptsNamingTheField() {
        for (Object quantity : List.of(0, 1_000_001, "many")) {
            ResponseEntity<Map> response = http.postForEntity("/inventory/" + sku() + "/receipts",
                                                              json(Map.of("quantity", quantity)), Map.class);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat((Map<String, Object>) response.getBody().get("errors")).containsKey("quantity");
        }
        ResponseEntity<Map> missing = http.postForEntity("/inventory/" + sku() + "/receipts", json(Map.of()),
                                                         Map.class);
        assertThat((Map<String, Object>) missing.getBody().get("errors")).containsKey("quantity");
        ResponseEntity<Map> badSku = http.postForEntity("/inventory/-bad!/receipts", json(Map.of("quantity", 1)),
                                                        Map.class);
        assertThat(badSku.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((Map<String, Object>) badSku.getBody().get("errors")).containsKey("sku");
    }

    @Test
    void rejectsInvalidIdsNamingTheField() {
        ResponseEntity<Map> inventory = http.getForEntity("/inventory/-bad!", Map.class);
        assertThat(inventory.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((Map<String, Object>) inventory.getBody().get("errors")).containsKey("sku");

        ResponseEntity<Map> byOrder = http.getForEntity("/shipments?orderId=-bad!", Map.class);
        assertThat(byOrder.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((Map<String, Object>) byOrder.getBody().get("errors")).containsKey("orderId");

        ResponseEntity<Map> noOrder = http.getForEntity("/shipments", Map.class);
        assertThat(noOrder.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noOrder.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(noOrder.getBody().get("detail").toString()).contains("orderId");

        for (String path : List.of("/shipments/-bad!", "/shipments/-bad!/dispatch", "/shipments/-bad!/delivered")) {
            ResponseEntity<Map> response = path.equals("/shipments/-bad!") ? http.getForEntity(path, Map.class)
                                                                            : http.postForEntity(path, null, Map.class);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((Map<String, Object>) response.getBody().get("errors")).as(path).containsKey("shipmentId");
        }
    }

    @Test
    void answersNotFoundForUnknownSkusAndShipments() {
        assertThat(http.getForEntity("/inventory/" + sku(), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        String shipment = "s-" + UUID.randomUUID();
        assertThat(http.getForEntity("/shipments/" + shipment, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        for (String action : List.of("dispatch", "delivered")) {
            ResponseEntity<Map> response = http.postForEntity("/shipments/" + shipment + "/" + action, null,
                                                              Map.class);
            assertThat(response.getStatusCode()).as(action).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getBody()).as(action).containsEntry("code", "SHIPMENT_NOT_FOUND");
        }
        assertThat(http.getForObject("/shipments?orderId=" + order(), Map[].class)).isEmpty();
    }

    @Test
    void leavesStockReceiptsAndShipmentsToOperatorsAndLetsCustomersSeeAvailability() {
        String sku = sku();
        receive(sku, 3);
        awaitInventory(sku, 3, 0, 3);
        HttpHeaders customer = new HttpHeaders();
        customer.setBearerAuth(TestTokens.customer("c-" + UUID.randomUUID()));
        customer.setContentType(MediaType.APPLICATION_JSON);

        assertThat(http.exchange("/inventory/" + sku, HttpMethod.GET, new HttpEntity<>(customer), String.class)
                       .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> receipt = http.exchange("/inventory/" + sku + "/receipts", HttpMethod.POST,
                                                       new HttpEntity<>(Map.of("quantity", 100), customer), String.class);
        assertThat(receipt.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(receipt.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(http.exchange("/shipments", HttpMethod.GET, new HttpEntity<>(customer), String.class)
                       .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        awaitInventory(sku, 3, 0, 3);
    }

    private void receive(String sku, int quantity) {
        ResponseEntity<Map> response = http.postForEntity("/inventory/" + sku + "/receipts",
                                                          json(Map.of("quantity", quantity)), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private void awaitInventory(String sku, long onHand, long reserved, long available) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ResponseEntity<Map> response = http.getForEntity("/inventory/" + sku, Map.class);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody()).containsEntry("sku", sku)
                                          .containsEntry("onHand", (int) onHand)
                                          .containsEntry("reserved", (int) reserved)
                                          .containsEntry("available", (int) available);
        });
    }

    private Map<?, ?> awaitShipment(String shipmentId, String status) {
        return await().atMost(Duration.ofSeconds(20))
                      .until(() -> http.getForEntity("/shipments/" + shipmentId, Map.class),
                             r -> r.getStatusCode().is2xxSuccessful() && status.equals(r.getBody().get("status")))
                      .getBody();
    }

    private static String sku() {
        return "sku-" + UUID.randomUUID();
    }

    private static String order() {
        return "o-" + UUID.randomUUID();
    }


    private static HttpEntity<Map<String, Object>> json(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
