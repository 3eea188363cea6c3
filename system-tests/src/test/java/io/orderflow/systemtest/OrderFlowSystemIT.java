package io.orderflow.systemtest;

import tools.jackson.databind.JsonNode;
import io.orderflow.localstack.Service;
import io.orderflow.localstack.Stack;
import io.orderflow.localstack.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as a user runs it: PostgreSQL, Kafka and the four services as separate processes on fresh
 * databases, driven over HTTP only. Shipments are dispatched by hand here (auto-dispatch off) so that a cancel
 * before dispatch is deterministic; the happy path dispatches through the fulfillment API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderFlowSystemIT {

    private static final Duration OUTCOME = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private final Http http = new Http();
    private Stack stack;
    private String orders;
    private String payments;
    private String fulfillment;
    private String reporting;

    @BeforeAll
    void startSystem() {
        stack = new Stack(configure(StackConfig.defaults()
                                               .withDataDir(dataDir)
                                               .withFreePorts()
                                               .withExtraEnv(Service.FULFILLMENT, "AUTO_DISPATCH_ENABLED", "false")
                                               .withExtraEnv(Service.ORDERS, "ORDER_DEADLINE", "60s")))
                .start();
        orders = stack.serviceUrl(Service.ORDERS);
        payments = stack.serviceUrl(Service.PAYMENTS);
        fulfillment = stack.serviceUrl(Service.FULFILLMENT);
        reporting = stack.serviceUrl(Service.REPORTING);
    }

    /** @return the stack these tests run on; the default mode (Kafka, HTTP command bus) unless overridden */
    StackConfig configure(StackConfig config) {
        return config;
    }

    @AfterAll
    void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void completesAnOrderCapturingItsPaymentAndShippingItsStock() {
        String customer = openAccount("500.00");
        String sku = receiveStock(10);

        String orderId = placeOrder(customer, List.of(line(sku, 3, "12.50")));
        awaitStatus(orderId, "CONFIRMED");
        String shipmentId = awaitShipment(orderId, "PREPARED").path("shipmentId").asString();
        assertThat(http.post(fulfillment + "/shipments/" + shipmentId + "/dispatch", Map.of()).status()).isEqualTo(202);

        JsonNode order = awaitStatus(orderId, "COMPLETED");
        assertThat(order.path("total").decimalValue()).isEqualByComparingTo("37.50");
        assertThat(order.path("reason").isNull()).isTrue();
        awaitPayment(orderId, "CAPTURED");
        await().atMost(OUTCOME).untilAsserted(() -> {
            JsonNode account = http.get(payments + "/accounts/" + customer).json();
            assertThat(account.path("captured").decimalValue()).isEqualByComparingTo("37.50");
            assertThat(account.path("authorized").decimalValue()).isEqualByComparingTo("0");
            assertThat(account.path("available").decimalValue()).isEqualByComparingTo("462.50");
            JsonNode stock = http.get(fulfillment + "/inventory/" + sku).json();
            assertThat(stock.path("onHand").asInt()).isEqualTo(7);
            assertThat(stock.path("reserved").asInt()).isZero();
        });
        await().atMost(OUTCOME).untilAsserted(() -> {
            JsonNode overview = http.get(reporting + "/reports/orders/" + orderId).json();
            assertThat(overview.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(overview.path("paymentStatus").asString()).isEqualTo("CAPTURED");
            assertThat(overview.path("shipmentStatus").asString()).isEqualTo("DISPATCHED");
        });
        assertThat(http.post(orders + "/orders/" + orderId + "/cancel", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void rejectsAnOrderForMoreThanTheStockWithoutAuthorizingAnything() {
        String customer = openAccount("500.00");
        String sku = receiveStock(2);

        String orderId = placeOrder(customer, List.of(line(sku, 3, "1.00")));

        JsonNode order = awaitStatus(orderId, "REJECTED");
        assertThat(order.path("reason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(http.get(payments + "/payments?orderId=" + orderId).json()).isEmpty();
        assertThat(http.get(payments + "/accounts/" + customer).json().path("available").decimalValue())
                .isEqualByComparingTo("500.00");
        assertThat(http.get(fulfillment + "/inventory/" + sku).json().path("available").asInt()).isEqualTo(2);
    }

    @Test
    void rejectsAnOrderTheAccountCannotPayAndReleasesItsStock() {
        String customer = openAccount("10.00");
        String sku = receiveStock(5);

        String orderId = placeOrder(customer, List.of(line(sku, 2, "7.00")));

        JsonNode order = awaitStatus(orderId, "REJECTED");
        assertThat(order.path("reason").asString()).isEqualTo("PAYMENT_DECLINED");
        awaitPayment(orderId, "DECLINED");
        await().atMost(OUTCOME).untilAsserted(() -> {
            JsonNode stock = http.get(fulfillment + "/inventory/" + sku).json();
            assertThat(stock.path("reserved").asInt()).isZero();
            assertThat(stock.path("available").asInt()).isEqualTo(5);
        });
        assertThat(http.get(payments + "/accounts/" + customer).json().path("authorized").decimalValue())
                .isEqualByComparingTo("0");
    }

    @Test
    void cancelsAnOrderBeforeDispatchRestoringCreditAndStock() {
        String customer = openAccount("100.00");
        String sku = receiveStock(4);

        String orderId = placeOrder(customer, List.of(line(sku, 4, "20.00")));
        awaitStatus(orderId, "CONFIRMED");
        awaitShipment(orderId, "PREPARED");
        assertThat(http.post(orders + "/orders/" + orderId + "/cancel", Map.of()).status()).isEqualTo(202);

        JsonNode order = awaitStatus(orderId, "CANCELLED");
        assertThat(order.path("reason").asString()).isEqualTo("CANCELLED_BY_CUSTOMER");
        awaitPayment(orderId, "VOIDED");
        awaitShipment(orderId, "CANCELLED");
        await().atMost(OUTCOME).untilAsserted(() -> {
            JsonNode account = http.get(payments + "/accounts/" + customer).json();
            assertThat(account.path("available").decimalValue()).isEqualByComparingTo("100.00");
            assertThat(account.path("authorized").decimalValue()).isEqualByComparingTo("0");
            JsonNode stock = http.get(fulfillment + "/inventory/" + sku).json();
            assertThat(stock.path("available").asInt()).isEqualTo(4);
            assertThat(stock.path("reserved").asInt()).isZero();
        });
        assertThat(http.post(orders + "/orders/" + orderId + "/cancel", Map.of()).status()).isEqualTo(409);
    }

    /**
     * A declined order involves every service: orders places and rejects it, fulfillment reserves and releases its
     * stock, payments declines it, reporting records its end. All of it is one OpenTelemetry trace, started by the
     * POST, carried in the messages' metadata over the command bus and Kafka (or Axon Server), and named in every
     * service's log lines; the ops API shows it on every stored event.
     */
    @Test
    void tracesOneOrdersPathThroughEveryServiceUnderOneTraceId() throws IOException {
        String customer = openAccount("10.00");
        String sku = receiveStock(5);
        String orderId = placeOrder(customer, List.of(line(sku, 2, "7.00")));
        awaitStatus(orderId, "REJECTED");

        Pattern reportingLine = Pattern.compile("\\[reporting,([0-9a-f]{32}),[0-9a-f]{16}].*Order " + orderId + " ended");
        String traceId = await().atMost(OUTCOME).until(() -> traceIn(Service.REPORTING, reportingLine),
                                                       found -> found != null);
        for (Service service : List.of(Service.ORDERS, Service.PAYMENTS, Service.FULFILLMENT)) {
            assertThat(Files.readString(stack.logFile(service.id())))
                    .as("%s's log names trace %s", service.id(), traceId)
                    .containsPattern("\\[" + service.id() + "," + traceId + ",[0-9a-f]{16}]");
        }
        if (!stack.config().usesAxonServer()) {
            // each service's own event store: the events about the order, each with the trace it was written in
            for (String service : List.of(orders, payments, fulfillment)) {
                JsonNode events = http.get(service + "/ops/events?mentioning=" + orderId).json();
                assertThat(events).as(service).isNotEmpty();
                events.forEach(event -> assertThat(event.path("traceId").asString())
                        .as("%s %s", service, event.path("eventType").asString()).isEqualTo(traceId));
            }
        }
    }

    private String traceIn(Service service, Pattern line) throws IOException {
        Matcher matcher = line.matcher(Files.readString(stack.logFile(service.id())));
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * Orders placed all at once compete for one customer's credit and one SKU's stock: exactly as many are admitted
     * as fit, nothing goes below zero, and the others are rejected for the reason that stopped them.
     */
    @Test
    void admitsExactlyAsManyConcurrentOrdersAsTheCreditAndTheStockCover() throws Exception {
        String tenOrdersOfCredit = openAccount("100.00");
        String plentifulSku = receiveStock(1000);
        String richCustomer = openAccount("100000.00");
        String fiveInStock = receiveStock(5);

        List<Future<String>> creditRace = new ArrayList<>();
        List<Future<String>> stockRace = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 16; i++) {
                creditRace.add(clients.submit(() -> placeOrder(tenOrdersOfCredit,
                                                               List.of(line(plentifulSku, 1, "10.00")))));
            }
            for (int i = 0; i < 12; i++) {
                stockRace.add(clients.submit(() -> placeOrder(richCustomer, List.of(line(fiveInStock, 1, "1.00")))));
            }
            assertThat(outcomes(creditRace)).containsOnly(entry("CONFIRMED", 10L), entry("REJECTED/PAYMENT_DECLINED", 6L));
            assertThat(outcomes(stockRace)).containsOnly(entry("CONFIRMED", 5L), entry("REJECTED/OUT_OF_STOCK", 7L));
        } finally {
            clients.shutdownNow();
        }
        await().atMost(OUTCOME).untilAsserted(() -> {
            JsonNode account = http.get(payments + "/accounts/" + tenOrdersOfCredit).json();
            assertThat(account.path("authorized").decimalValue()).isEqualByComparingTo("100.00");
            assertThat(account.path("available").decimalValue()).isEqualByComparingTo("0.00");
            JsonNode plentiful = http.get(fulfillment + "/inventory/" + plentifulSku).json();
            assertThat(plentiful.path("reserved").asInt()).isEqualTo(10);
            JsonNode scarce = http.get(fulfillment + "/inventory/" + fiveInStock).json();
            assertThat(scarce.path("reserved").asInt()).isEqualTo(5);
            assertThat(scarce.path("available").asInt()).isZero();
        });
    }

    /** @return how the orders stand once each is confirmed or rejected: status (and reason) → how many */
    private Map<String, Long> outcomes(List<Future<String>> placed) throws Exception {
        List<String> orderIds = new ArrayList<>();
        for (Future<String> order : placed) {
            orderIds.add(order.get(30, TimeUnit.SECONDS));
        }
        return orderIds.stream()
                       .map(orderId -> awaitJson(orders + "/orders/" + orderId,
                                                 order -> Set.of("CONFIRMED", "REJECTED")
                                                             .contains(order.path("status").asString())))
                       .map(order -> order.path("reason").isNull() ? order.path("status").asString()
                                     : order.path("status").asString() + "/" + order.path("reason").asString())
                       .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private String openAccount(String creditLimit) {
        String customer = "cust-" + UUID.randomUUID();
        Http.Response response = http.post(payments + "/accounts",
                                           Map.of("customerId", customer, "creditLimit", new BigDecimal(creditLimit)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        await().atMost(OUTCOME).until(() -> http.get(payments + "/accounts/" + customer).status() == 200);
        return customer;
    }

    private String receiveStock(int quantity) {
        String sku = "sku-" + UUID.randomUUID();
        Http.Response response = http.post(fulfillment + "/inventory/" + sku + "/receipts", Map.of("quantity", quantity));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        await().atMost(OUTCOME).until(() -> http.get(fulfillment + "/inventory/" + sku).status() == 200);
        return sku;
    }

    private String placeOrder(String customer, List<Map<String, Object>> lines) {
        Http.Response response = http.post(orders + "/orders", Map.of("customerId", customer, "lines", lines));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().path("orderId").asString();
    }

    private static Map<String, Object> line(String sku, int quantity, String unitPrice) {
        return Map.of("sku", sku, "quantity", quantity, "unitPrice", new BigDecimal(unitPrice));
    }

    private JsonNode awaitStatus(String orderId, String status) {
        return awaitJson(orders + "/orders/" + orderId, order -> status.equals(order.path("status").asString()));
    }

    private JsonNode awaitShipment(String orderId, String status) {
        JsonNode shipments = awaitJson(fulfillment + "/shipments?orderId=" + orderId,
                                       list -> list.size() == 1 && status.equals(list.get(0).path("status").asString()));
        return shipments.get(0);
    }

    private void awaitPayment(String orderId, String status) {
        awaitJson(payments + "/payments?orderId=" + orderId,
                  list -> list.size() == 1 && status.equals(list.get(0).path("status").asString()));
    }

    private JsonNode awaitJson(String url, Predicate<JsonNode> condition) {
        return await().atMost(OUTCOME).pollInterval(Duration.ofMillis(200))
                      .until(() -> {
                          Http.Response response = http.get(url);
                          return response.status() == 200 ? response.json() : null;
                      }, json -> json != null && condition.test(json));
    }
}
