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
import io.orderflow.reporting.OrderHistory.Published;
import io.orderflow.reporting.query.OrderOverviewProjection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ReportingIT {

    /** Event types the overview has no handler for: the processor skips them. */
    private static final Set<Class<?>> IGNORED = Set.of(AccountOpenedEvent.class, StockAllocatedEvent.class,
                                                        StockShippedEvent.class);
    /** How many records of each event this class has produced, counting only those the overview handles. */
    private static final Map<String, Integer> SENT = new ConcurrentHashMap<>();
    /** How often the overview committed the handling of each event. */
    private static final Map<String, Integer> PROCESSED = new ConcurrentHashMap<>();
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
    EventProcessingConfiguration processing;

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
    @TestConfiguration
    static class ProcessedEventsProbe {

        @Bean
        ConfigurerModule processedEventsProbe() {
            MessageHandlerInterceptor<EventMessage<?>> probe = (unitOfWork, chain) -> {
                String id = unitOfWork.getMessage().getIdentifier();
                unitOfWork.afterCommit(committed -> PROCESSED.merge(id, 1, Integer::sum));
                return chain.proceed();
            };
            return configurer -> configurer.eventProcessing()
                                           .registerHandlerInterceptor(OrderOverviewProjection.PROCESSING_GROUP,
                                                                       c -> probe);
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
    void rebuildsTheSameOverviewWhenReplayedFromTheStart() {
        OrderHistory completed = OrderHistory.completed();
        OrderHistory rejected = OrderHistory.rejectedForPayment();
        send(completed.events());
        send(rejected.events());
        String completedBefore = json(completed);
        String rejectedBefore = json(rejected);

        TrackingEventProcessor processor = processor();
        processor.shutDown();
        PROCESSED.clear();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(60))
               .until(() -> SENT.entrySet().stream()
                                .allMatch(sent -> PROCESSED.getOrDefault(sent.getKey(), 0) >= sent.getValue()));

        assertThat(json(completed)).isEqualTo(completedBefore);
        assertThat(json(rejected)).isEqualTo(rejectedBefore);
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

    private static void awaitProcessed(List<? extends EventMessage<?>> events) {
        await().atMost(Duration.ofSeconds(30))
               .until(() -> events.stream().map(EventMessage::getIdentifier).distinct().allMatch(
                       id -> PROCESSED.getOrDefault(id, 0) >= SENT.getOrDefault(id, 0)));
    }

    private TrackingEventProcessor processor() {
        return processing.eventProcessor(OrderOverviewProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                         .orElseThrow();
    }

    private Map<String, Object> overview(String orderId) {
        ResponseEntity<Map> response = http.getForEntity("/reports/orders/" + orderId, Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** The overview as JSON, with the history's ids made the same for every history. */
    private String json(OrderHistory history) {
        ResponseEntity<String> response = http.getForEntity("/reports/orders/" + history.orderId, String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody().replace(history.key, "*");
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
