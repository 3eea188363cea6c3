package io.orderflow.reporting;

import io.orderflow.fulfillment.api.StockAllocatedEvent;
import io.orderflow.fulfillment.api.StockShippedEvent;
import io.orderflow.orders.api.OrderCancellationRequestedEvent;
import io.orderflow.orders.api.OrderCancelledEvent;
import io.orderflow.orders.api.OrderLine;
import io.orderflow.orders.api.OrderPlacedEvent;
import io.orderflow.orders.api.OrderReason;
import io.orderflow.payments.api.AccountOpenedEvent;
import io.orderflow.platform.test.ServiceTestInfrastructure;
import io.orderflow.platform.test.TestKafka;
import io.orderflow.platform.test.TestTokens;
import io.orderflow.reporting.OrderHistory.Published;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import io.orderflow.reporting.query.FactsCopy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import static io.orderflow.reporting.OrderHistory.START;
import static io.orderflow.reporting.OrderHistory.TOTAL;
import static io.orderflow.reporting.config.EventSourcesConfiguration.FULFILLMENT_TOPIC;
import static io.orderflow.reporting.config.EventSourcesConfiguration.ORDERS_TOPIC;
import static io.orderflow.reporting.config.EventSourcesConfiguration.PAYMENTS_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reporting service on real PostgreSQL and Kafka, fed with records in the format the other services publish.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "orderflow.operator.password=" + ReportingIT.OPERATOR_PASSWORD)
class ReportingIT {

    static final String OPERATOR_PASSWORD = "reporting-it";

    private static final Logger log = LoggerFactory.getLogger(ReportingIT.class);

    /** Event types the overview has no handler for: the processor skips them. */
    private static final Set<Class<?>> IGNORED = Set.of(AccountOpenedEvent.class, StockAllocatedEvent.class,
                                                        StockShippedEvent.class);
    /** How many records of each event this class has produced, counting only those the overview handles. */
    private static final Map<String, Integer> SENT = new ConcurrentHashMap<>();
    /** How often each copy's processor committed the handling of each event, by copy and event id. */
    private static final Map<String, Integer> PROCESSED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestInfrastructure.register(registry, "reporting");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    KafkaMessageConverter<String, byte[]> converter;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                                              ProducerConfig.ACKS_CONFIG, "all"),
                                       new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    /**
     * Tells the tests when the overview has handled what they sent. The processor's token cannot: the Kafka source
     * hands out the records of a poll sorted by record timestamp rather than in the order it fetched them, while each
     * record's token covers everything fetched before it, so the token of the last record handled may cover too
     * much or too little.
     */

    @BeforeEach
    void asOperator() {
        TestTokens.authorize(http, TestTokens.operator());
    }

    @TestConfiguration
    static class ProcessedEventsProbe {

        @Bean
        ConfigurerModule processedEventsProbe() {
            return configurer -> {
                for (FactsCopy copy : FactsCopy.values()) {
                    configurer.eventProcessing().registerHandlerInterceptor(copy.processorName(),
                                                                            c -> probe(copy));
                }
            };
        }

        private static MessageHandlerInterceptor<EventMessage<?>> probe(FactsCopy copy) {
            return (unitOfWork, chain) -> {
                String key = key(copy, unitOfWork.getMessage().getIdentifier());
                unitOfWork.afterCommit(committed -> PROCESSED.merge(key, 1, Integer::sum));
                return chain.proceed();
            };
        }
    }

    @Test
    void showsACompletedOrderAcrossAllThreeContexts() {
        OrderHistory order = OrderHistory.completed();
        send(order.events());

        Map<String, Object> overview = overview(order.orderId);
        assertThat(overview).containsEntry("orderId", order.orderId)
                            .containsEntry("customerId", order.customerId)
                            .containsEntry("status", "COMPLETED")
                            .containsEntry("reason", null)
                            .containsEntry("total", 120.5)
                            .containsEntry("stockStatus", "RESERVED")
                            .containsEntry("paymentStatus", "CAPTURED")
                            .containsEntry("shipmentId", order.shipmentId)
                            .containsEntry("shipmentStatus", "DISPATCHED")
                            .containsEntry("placedAt", START.plusSeconds(1).toString())
                            .containsEntry("updatedAt", START.plusSeconds(11).toString());
        assertThat(timeline(overview)).containsExactly(
                "ORDER_PLACED@" + START.plusSeconds(1), "STOCK_RESERVED@" + START.plusSeconds(3),
                "PAYMENT_AUTHORIZED@" + START.plusSeconds(4), "ORDER_CONFIRMED@" + START.plusSeconds(5),
                "SHIPMENT_PREPARED@" + START.plusSeconds(6), "SHIPMENT_DISPATCHED@" + START.plusSeconds(7),
                "PAYMENT_CAPTURED@" + START.plusSeconds(9), "ORDER_SHIPPED@" + START.plusSeconds(10),
                "ORDER_COMPLETED@" + START.plusSeconds(11));
    }

    @Test
    void showsCustomersOnlyTheirOwnOrdersAndLeavesTheReportsAcrossCustomersToOperators() {
        OrderHistory order = OrderHistory.completed();
        send(order.events());
        overview(order.orderId);
        String owner = TestTokens.customer(order.customerId);
        String other = TestTokens.customer("someone-" + UUID.randomUUID());

        assertThat(as(owner, "/reports/orders/" + order.orderId).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as(owner, "/reports/customers/" + order.customerId).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as(other, "/reports/orders/" + order.orderId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as(other, "/reports/customers/" + order.customerId).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        for (String path : List.of("/reports/sales/daily", "/reports/products/top", "/reports/fulfillment/lead-times",
                                   "/reports/outcomes", "/reports/admin/rebuild/order-facts")) {
            ResponseEntity<String> refused = as(owner, path);
            assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getHeaders().getContentType()).as(path).hasToString("application/problem+json");
        }
    }

    private ResponseEntity<String> as(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void showsARejectedOrderWithItsCompensation() {
        OrderHistory order = OrderHistory.rejectedForPayment();
        send(order.events());

        Map<String, Object> overview = overview(order.orderId);
        assertThat(overview).containsEntry("status", "REJECTED")
                            .containsEntry("reason", "PAYMENT_DECLINED")
                            .containsEntry("stockStatus", "RELEASED")
                            .containsEntry("paymentStatus", "DECLINED")
                            .containsEntry("shipmentId", null)
                            .containsEntry("shipmentStatus", null);
        assertThat(timeline(overview)).extracting(step -> step.substring(0, step.indexOf('@')))
                                      .containsExactly("ORDER_PLACED", "STOCK_RESERVED", "PAYMENT_DECLINED",
                                                       "STOCK_RELEASED", "ORDER_REJECTED");
    }

    @Test
    void convergesToTheSameOverviewWhenTheOrderItselfIsHeardOfLast() {
        OrderHistory inOrder = OrderHistory.completed();
        OrderHistory outOfOrder = OrderHistory.completed();
        send(inOrder.events());

        send(outOfOrder.on(PAYMENTS_TOPIC, FULFILLMENT_TOPIC));
        Map<String, Object> partial = overview(outOfOrder.orderId);
        assertThat(partial).containsEntry("customerId", outOfOrder.customerId)
                           .containsEntry("status", null)
                           .containsEntry("total", null)
                           .containsEntry("placedAt", null)
                           .containsEntry("paymentStatus", "CAPTURED")
                           .containsEntry("shipmentStatus", "DISPATCHED");

        List<Published> orders = outOfOrder.on(ORDERS_TOPIC);
        send(orders.subList(1, orders.size()));
        send(orders.subList(0, 1));

        assertThat(json(outOfOrder)).isEqualTo(json(inOrder));
    }

    @Test
    void changesNothingWhenEveryEventArrivesTwice() {
        OrderHistory once = OrderHistory.completed();
        OrderHistory twice = OrderHistory.completed();
        send(once.events());

        List<Published> duplicated = new ArrayList<>();
        twice.events().forEach(event -> {
            duplicated.add(event);
            duplicated.add(event);
        });
        send(duplicated);

        assertThat(json(twice)).isEqualTo(json(once));
    }

    @Test
    void changesNothingWhenOlderEventsAreRedeliveredAfterNewerOnes() {
        OrderHistory order = OrderHistory.completed();
        send(order.events());
        String before = json(order);

        send(order.events());
        List<Published> reversed = new ArrayList<>(order.events());
        Collections.reverse(reversed);
        send(reversed);

        assertThat(json(order)).isEqualTo(before);
    }

    @Test
    void rebuildsTheSameOverviewIntoTheStandbyCopyWhileTheActiveCopyKeepsAnswering() {
        OrderHistory completed = OrderHistory.completed();
        OrderHistory rejected = OrderHistory.rejectedForPayment();
        send(completed.events());
        send(rejected.events());
        String completedBefore = json(completed);
        String rejectedBefore = json(rejected);
        Map<String, Object> before = rebuildStatus();
        String activeBefore = (String) before.get("activeCopy");

        ResponseEntity<Map> started = http.postForEntity("/reports/admin/rebuild/order-facts", null, Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getBody()).containsEntry("state", "REBUILDING")
                                     .containsEntry("activeCopy", activeBefore)
                                     .containsEntry("rebuildingCopy", other(activeBefore));
        ResponseEntity<Map> during = http.getForEntity("/reports/orders/" + completed.orderId, Map.class);
        assertThat(during.getHeaders().getFirst("Report-Copy")).isEqualTo(activeBefore);
        assertThat(json(completed)).isEqualTo(completedBefore);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(
                () -> assertThat(rebuildStatus()).containsEntry("state", "IDLE")
                                                 .containsEntry("activeCopy", other(activeBefore)));
        Map<String, Object> after = rebuildStatus();
        assertThat((Integer) after.get("rebuilds")).isEqualTo((Integer) before.get("rebuilds") + 1);
        assertThat(after.get("percent")).isEqualTo(100.0);
        ResponseEntity<Map> answered = http.getForEntity("/reports/orders/" + completed.orderId, Map.class);
        assertThat(answered.getHeaders().getFirst("Report-Copy")).isEqualTo(other(activeBefore));
        assertThat(json(completed)).isEqualTo(completedBefore);
        assertThat(json(rejected)).isEqualTo(rejectedBefore);
    }

    /**
     * A whole history of orders replayed into the standby copy gives the same reports. With
     * {@code -Dreporting.rebuild.orders=10000} it measures how long rebuilding that many orders takes.
     */
    @Test
    void rebuildsAWholeHistoryOfOrdersIntoTheSameReports() {
        int count = Integer.getInteger("reporting.rebuild.orders", 200);
        List<EventMessage<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OrderHistory order = i % 4 == 3 ? OrderHistory.rejectedForPayment() : OrderHistory.completed();
            order.events().forEach(event -> {
                producer.send(converter.createKafkaMessage(event.message(), event.topic()));
                if (!IGNORED.contains(event.message().getPayloadType())) {
                    SENT.merge(event.message().getIdentifier(), 1, Integer::sum);
                    sent.add(event.message());
                }
            });
        }
        producer.flush();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
               .until(() -> sent.stream().allMatch(event -> Arrays.stream(FactsCopy.values()).allMatch(
                       copy -> PROCESSED.getOrDefault(key(copy, event.getIdentifier()), 0) >= 1)));
        String day = START.toString().substring(0, 10);
        List<String> reports = List.of("/reports/outcomes", "/reports/sales/daily?from=" + day + "&to=" + day,
                                       "/reports/products/top?from=" + day + "&to=" + day,
                                       "/reports/fulfillment/lead-times?from=" + day + "&to=" + day);
        Map<String, Object> before = withoutFreshness(reports);

        assertThat(http.postForEntity("/reports/admin/rebuild/order-facts", null, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1))
               .until(() -> "IDLE".equals(rebuildStatus().get("state")));

        assertThat(withoutFreshness(reports)).isEqualTo(before);
        Map<String, Object> status = rebuildStatus();
        log.info("Rebuilt {} records of at least {} orders in {} s", status.get("totalEvents"), count,
                 status.get("seconds"));
    }

    @Test
    void refusesAnOpsReplayOfEitherCopyAndPointsAtTheRebuildInstead() {
        for (String processor : List.of("order-facts-a", "order-facts-b")) {
            ResponseEntity<Map> response = http.withBasicAuth("operator", OPERATOR_PASSWORD)
                                               .postForEntity("/ops/processors/" + processor + "/replay", null,
                                                              Map.class);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat((String) response.getBody().get("detail")).contains("/reports/admin/rebuild/order-facts");
        }
        Map<?, ?> status = http.getForObject("/reports/admin/rebuild/order-facts", Map.class);
        assertThat(status.get("state")).isEqualTo("IDLE");
    }

    @Test
    void answersNotFoundForAViewThatDoesNotExist() {
        ResponseEntity<Map> response = http.getForEntity("/reports/admin/rebuild/no-such-view", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void appliesEventsWithoutAggregateSequenceInArrivalOrder() {
        String orderId = "o-" + UUID.randomUUID();
        sendPlain(ORDERS_TOPIC, List.of(
                plain(new OrderPlacedEvent(orderId, "c-" + orderId, List.of(new OrderLine("sku-1", 1, TOTAL)), TOTAL),
                      0),
                plain(new OrderCancellationRequestedEvent(orderId), 1),
                plain(new OrderCancelledEvent(orderId, OrderReason.CANCELLED_BY_CUSTOMER), 2)));

        Map<String, Object> overview = overview(orderId);
        assertThat(overview).containsEntry("status", "CANCELLED")
                            .containsEntry("reason", "CANCELLED_BY_CUSTOMER")
                            .containsEntry("customerId", "c-" + orderId);
        assertThat(timeline(overview)).extracting(step -> step.substring(0, step.indexOf('@')))
                                      .containsExactly("ORDER_PLACED", "ORDER_CANCELLATION_REQUESTED",
                                                       "ORDER_CANCELLED");
    }

    @Test
    void readsAnOrderPlacedBeforeOrdersNamedACurrencyFromKafka() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        EventMessage<?> placed = new GenericDomainEventMessage<>(
                "Order", orderId, 0, new OrderPlacedEvent(orderId, "c-" + orderId,
                                                          List.of(new OrderLine("sku-1", 1, TOTAL)), TOTAL, "XXX"),
                MetaData.emptyInstance(), UUID.randomUUID().toString(), START);
        ProducerRecord<String, byte[]> current = converter.createKafkaMessage(placed, ORDERS_TOPIC);
        ObjectNode payload = (ObjectNode) JSON.readTree(current.value());
        payload.remove("currency");
        Headers headers = new RecordHeaders();
        current.headers().forEach(header -> {
            if (!header.key().equals(org.axonframework.messaging.Headers.MESSAGE_REVISION)) {
                headers.add(header);
            }
        });
        assertThat(headers.lastHeader(org.axonframework.messaging.Headers.MESSAGE_REVISION)).isNull();

        producer.send(new ProducerRecord<>(ORDERS_TOPIC, null, current.key(), JSON.writeValueAsBytes(payload),
                                           headers)).get();
        SENT.merge(placed.getIdentifier(), 1, Integer::sum);
        awaitProcessed(List.of(placed));

        assertThat(overview(orderId)).containsEntry("currency", OrderPlacedEvent.DEFAULT_CURRENCY)
                                     .containsEntry("status", "PLACED");
    }

    @Test
    void readsAnOrderPlacedBeforeOrdersNamedACurrencyFromAnEventStore() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        String oldPayload = """
                            {"orderId":"%s","customerId":"c-1","lines":[{"sku":"sku-1","quantity":2,"unitPrice":1.25}],
                             "total":2.50}""".formatted(orderId);
        jdbc.sql("""
                 INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                               payload, payloadrevision, payloadtype, timestamp)
                 VALUES (?, 0, 'Order', ?, ?, ?, NULL, ?, ?)
                 """)
            .params(orderId, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                    oldPayload.getBytes(StandardCharsets.UTF_8), OrderPlacedEvent.class.getName(), START.toString())
            .update();

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(orderId).asStream().toList();

        assertThat(events).hasSize(1);
        assertThat(events.get(0).getType()).isEqualTo("Order");
        OrderPlacedEvent placed = (OrderPlacedEvent) events.get(0).getPayload();
        assertThat(placed.currency()).isEqualTo(OrderPlacedEvent.DEFAULT_CURRENCY);
        assertThat(placed.orderId()).isEqualTo(orderId);
        assertThat(placed.total()).isEqualByComparingTo("2.50");
        assertThat(placed.lines()).containsExactly(new OrderLine("sku-1", 2, new BigDecimal("1.25")));
    }

    @Test
    void answersEveryReportAsCsvWhenAskedFor() {
        OrderHistory order = OrderHistory.completed();
        send(order.events());
        String day = START.toString().substring(0, 10);

        for (String path : List.of("/reports/sales/daily?from=" + day + "&to=" + day,
                                   "/reports/products/top?from=" + day + "&to=" + day,
                                   "/reports/customers/" + order.customerId,
                                   "/reports/fulfillment/lead-times?from=" + day + "&to=" + day,
                                   "/reports/outcomes", "/reports/orders/" + order.orderId)) {
            ResponseEntity<String> csv = http.exchange(path, HttpMethod.GET, accept("text/csv"), String.class);
            assertThat(csv.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
            assertThat(csv.getHeaders().getContentType().toString()).as(path).startsWith("text/csv");
            assertThat(csv.getHeaders().getFirst("Report-Lag-Events")).as(path).isNotNull();
            assertThat(csv.getBody().split("\r\n")).as(path).hasSizeGreaterThan(1);
        }
        String daily = http.exchange("/reports/sales/daily?from=" + day + "&to=" + day, HttpMethod.GET,
                                     accept("text/csv"), String.class).getBody();
        assertThat(daily).startsWith("day,placed,completed,rejected,");
        assertThat(daily.split("\r\n")).hasSize(2);
        assertThat(daily.split("\r\n")[1]).startsWith(day + ",");
        String customer = http.exchange("/reports/customers/" + order.customerId, HttpMethod.GET,
                                        accept("text/csv"), String.class).getBody();
        assertThat(customer.split("\r\n")[1]).startsWith(order.customerId + ",1,1,0,0,0,120.50," + order.orderId);
    }

    @Test
    void answersJsonWithTheReportsFreshness() {
        send(OrderHistory.completed().events());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ResponseEntity<Map> response = http.getForEntity("/reports/outcomes", Map.class);
            assertThat(response.getHeaders().getContentType().toString()).startsWith("application/json");
            Map<String, Object> freshness = (Map<String, Object>) response.getBody().get("freshness");
            assertThat(freshness).containsEntry("lagEvents", 0).containsKey("asOf").containsKey("lagSeconds")
                                 .containsKey("copy");
            assertThat((Double) freshness.get("lagSeconds")).isLessThan(5.0);
            assertThat(response.getHeaders().getFirst("Report-Lag-Events")).isEqualTo("0");
        });
    }

    @Test
    void rejectsReportParametersThatDoNotMakeARangeWithBadRequestNamingTheField() {
        assertBadRequest("/reports/sales/daily?from=2025-03-02&to=2025-03-01", "from");
        assertBadRequest("/reports/sales/daily?from=2023-01-01&to=2025-03-01", "from");
        assertBadRequest("/reports/sales/daily?from=yesterday", "from");
        assertBadRequest("/reports/products/top?limit=0", "limit");
        assertBadRequest("/reports/products/top?limit=1001", "limit");
        assertBadRequest("/reports/fulfillment/lead-times?to=2025-13-01", "to");
        assertBadRequest("/reports/customers/-bad:id", "customerId");
        assertBadRequest("/reports/admin/rebuild/Not_A_View", "view");
    }

    @Test
    void answersNotFoundForACustomerNoEventMentioned() {
        ResponseEntity<Map> response = http.getForEntity("/reports/customers/c-unknown-" + UUID.randomUUID(),
                                                         Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void answersNotFoundForAnOrderNoEventMentioned() {
        ResponseEntity<Map> response = http.getForEntity("/reports/orders/o-unknown-" + UUID.randomUUID(), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void rejectsAMalformedOrderIdWithBadRequest() {
        ResponseEntity<Map> response = http.getForEntity("/reports/orders/-not:an:id", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat((Map<String, Object>) response.getBody().get("errors")).containsKey("orderId");
    }

    private void assertBadRequest(String path, String field) {
        ResponseEntity<Map> response = http.getForEntity(path, Map.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).as(path).hasToString("application/problem+json");
        assertThat((Map<String, Object>) response.getBody().get("errors")).as(path).containsKey(field);
    }

    private Map<String, Object> withoutFreshness(List<String> paths) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (String path : paths) {
            ResponseEntity<Map> response = http.getForEntity(path, Map.class);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
            Map<String, Object> body = new LinkedHashMap<>(response.getBody());
            body.remove("freshness");
            answers.put(path, body);
        }
        return answers;
    }

    private static HttpEntity<Void> accept(String mediaType) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.parseMediaType(mediaType)));
        return new HttpEntity<>(headers);
    }

    private void send(List<Published> events) {
        events.forEach(event -> produce(event.topic(), event.message()));
        awaitProcessed(events.stream().map(Published::message).toList());
    }

    private void sendPlain(String topic, List<EventMessage<?>> events) {
        events.forEach(event -> produce(topic, event));
        awaitProcessed(events);
    }

    /** One record at a time, so they land in the order given. */
    private void produce(String topic, EventMessage<?> event) {
        try {
            producer.send(converter.createKafkaMessage(event, topic)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (!IGNORED.contains(event.getPayloadType())) {
            SENT.merge(event.getIdentifier(), 1, Integer::sum);
        }
    }

    /** Until both copies have handled the events, so whichever copy answers has them. */
    private static void awaitProcessed(List<? extends EventMessage<?>> events) {
        await().atMost(Duration.ofSeconds(30))
               .until(() -> events.stream().map(EventMessage::getIdentifier).distinct().allMatch(
                       id -> Arrays.stream(FactsCopy.values()).allMatch(
                               copy -> PROCESSED.getOrDefault(key(copy, id), 0) >= SENT.getOrDefault(id, 0))));
    }

    private static String key(FactsCopy copy, String eventId) {
        return copy.id() + ":" + eventId;
    }

    private Map<String, Object> rebuildStatus() {
        ResponseEntity<Map> response = http.getForEntity("/reports/admin/rebuild/order-facts", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static String other(String copy) {
        return FactsCopy.of(copy).other().id();
    }

    private Map<String, Object> overview(String orderId) {
        ResponseEntity<Map> response = http.getForEntity("/reports/orders/" + orderId, Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** The overview as JSON without its freshness, with the history's ids made the same for every history. */
    private String json(OrderHistory history) {
        ResponseEntity<Map> response = http.getForEntity("/reports/orders/" + history.orderId, Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> overview = new LinkedHashMap<>(response.getBody());
        assertThat(overview).containsKey("freshness");
        overview.remove("freshness");
        try {
            return JSON.writeValueAsString(overview).replace(history.key, "*");
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> timeline(Map<String, Object> overview) {
        return ((List<Map<String, Object>>) overview.get("timeline")).stream()
                                                                     .map(e -> e.get("step") + "@" + e.get("at"))
                                                                     .toList();
    }

    private static EventMessage<?> plain(Object payload, int second) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, MetaData.emptyInstance(),
                                         START.plusSeconds(second));
    }
}
