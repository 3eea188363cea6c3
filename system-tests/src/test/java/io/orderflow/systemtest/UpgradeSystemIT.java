package io.orderflow.systemtest;

import io.orderflow.localstack.Service;
import io.orderflow.localstack.Stack;
import io.orderflow.localstack.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing stored is lost by an upgrade: the whole system of this version starts on a data directory that the
 * previous platform generation wrote (Spring Boot 3.5, Axon 4.12, Jackson 2, Kafka 3.9, db-scheduler 14; see
 * {@code upgrade/README.md}) — events and a snapshot, sagas with overdue deadlines, tokens of every processor,
 * reporting's views, the Kafka topics. Every order that was in flight reaches the outcome the old version itself
 * reached on the same data, every ended order keeps its outcome, balances, stock and reports come out the same,
 * and new orders flow through the old history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeSystemIT {

    private static final String DATA_SET = "/upgrade/data-488b700.tar.xz";
    private static final String EVENTS = "io.orderflow.orders.api.";
    private static final Duration OUTCOME = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;

    private final Http http = new Http();
    private JsonNode manifest;
    private Stack stack;

    @BeforeAll
    void startThisVersionOnTheOldData() throws IOException, InterruptedException, URISyntaxException {
        try (InputStream in = getClass().getResourceAsStream("/upgrade/manifest.json")) {
            manifest = JSON.readTree(in);
        }
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        Path archive = Path.of(getClass().getResource(DATA_SET).toURI());
        Process tar = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", dataDir.toString())
                .inheritIO().start();
        assertThat(tar.waitFor()).as("tar -xJf " + archive).isZero();
        stack = new Stack(StackConfig.defaults().withDataDir(dataDir).withFreePorts()).start();
    }

    @AfterAll
    void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void everyOrderInFlightFinishesAndEveryEndedOneKeepsItsOutcome() {
        List<JsonNode> orders = manifest.path("orders").valueStream().toList();
        assertThat(orders).as("orders in the data set").hasSize(76);
        assertThat(orders).filteredOn(order -> order.path("inFlightAtStop").asBoolean()).hasSize(5);
        await().atMost(OUTCOME).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (JsonNode order : orders) {
                JsonNode now = http.get(url(Service.ORDERS, "/orders/" + order.path("orderId").asString())).json();
                JsonNode expected = order.path("expectedAfterUpgrade");
                assertThat(now.path("status").asString()).as(order.toString())
                                                         .isEqualTo(expected.path("status").asString());
                assertThat(now.path("reason").asString(null)).as(order.toString())
                                                             .isEqualTo(expected.path("reason").asString(null));
                assertThat(now.path("customerId").asString()).isEqualTo(order.path("customerId").asString());
                assertThat(now.path("total").decimalValue()).isEqualByComparingTo(order.path("total").decimalValue());
            }
        });
    }

    @Test
    @Order(2)
    void balancesStockReportsAndSagasComeOutAsTheOldVersionItselfLeftThem() {
        JsonNode expected = manifest.path("expectedAfterUpgrade");
        await().atMost(OUTCOME).untilAsserted(() -> {
            expected.path("accounts").properties().forEach(account -> {
                JsonNode now = http.get(url(Service.PAYMENTS, "/accounts/" + account.getKey())).json();
                for (String figure : List.of("creditLimit", "available", "authorized", "captured")) {
                    BigDecimal then = account.getValue().path(figure).decimalValue();
                    assertThat(now.path(figure).decimalValue()).as(account.getKey() + " " + figure)
                                                             .isEqualByComparingTo(then);
                }
            });
            expected.path("stock").properties().forEach(sku -> {
                JsonNode now = http.get(url(Service.FULFILLMENT, "/inventory/" + sku.getKey())).json();
                for (String figure : List.of("onHand", "reserved", "available")) {
                    assertThat(now.path(figure).asInt()).as(sku.getKey() + " " + figure)
                                                        .isEqualTo(sku.getValue().path(figure).asInt());
                }
            });

            Map<String, Long> reported = new TreeMap<>();
            JsonNode outcomes = http.get(url(Service.REPORTING, "/reports/outcomes")).json();
            outcomes.path("outcomes").forEach(o -> reported.put(
                    o.path("outcome").asString() + (o.path("reason").isNull() ? "" : "/" + o.path("reason").asString()),
                    o.path("count").asLong()));
            Map<String, Long> byStatus = new TreeMap<>();
            expected.path("ordersByStatus").properties().forEach(e -> byStatus.put(e.getKey(), e.getValue().asLong()));
            assertThat(reported).isEqualTo(byStatus);
            assertThat(outcomes.path("inProgress").asLong()).isZero();

            assertThat(http.get(url(Service.ORDERS, "/ops/sagas")).json().path("activeByType").properties())
                    .as("active sagas").allSatisfy(type -> assertThat(type.getValue().asLong()).isZero());
        });
    }

    @Test
    @Order(3)
    void theOldHistoryServesNewOrdersAndReadsBackAsItWasWritten() {
        JsonNode completed = manifest.path("orders").valueStream()
                                     .filter(order -> order.path("statusAtStop").asString().equals("COMPLETED"))
                                     .findFirst().orElseThrow();
        String oldOrderId = completed.path("orderId").asString();
        JsonNode events = http.get(url(Service.ORDERS, "/ops/aggregates/" + oldOrderId + "/events")).json();
        assertThat(events.valueStream().map(e -> e.path("eventType").asString()).toList())
                .startsWith(EVENTS + "OrderPlacedEvent").contains(EVENTS + "OrderCompletedEvent");
        assertThat(events.get(0).path("payload").path("customerId").asString())
                .isEqualTo(completed.path("customerId").asString());

        // KEYBOARD-1's stock item loads from the snapshot the old version took, alice's account from its events
        Http.Response placed = http.post(url(Service.ORDERS, "/orders"), Map.of(
                "customerId", "alice",
                "lines", List.of(Map.of("sku", "KEYBOARD-1", "quantity", 2, "unitPrice", 49.90))));
        assertThat(placed.status()).isEqualTo(202);
        String orderId = placed.json().path("orderId").asString();
        JsonNode before = manifest.path("expectedAfterUpgrade");
        await().atMost(OUTCOME).untilAsserted(() -> {
            assertThat(http.get(url(Service.ORDERS, "/orders/" + orderId)).json().path("status").asString())
                    .isEqualTo("COMPLETED");
            assertThat(http.get(url(Service.FULFILLMENT, "/inventory/KEYBOARD-1")).json().path("onHand").asInt())
                    .isEqualTo(before.path("stock").path("KEYBOARD-1").path("onHand").asInt() - 2);
            assertThat(http.get(url(Service.PAYMENTS, "/accounts/alice")).json().path("captured").decimalValue())
                    .isEqualByComparingTo(before.path("accounts").path("alice").path("captured").decimalValue()
                                                .add(new BigDecimal("99.80")));
            assertThat(http.get(url(Service.REPORTING, "/reports/orders/" + orderId)).json().path("status")
                           .asString()).isEqualTo("COMPLETED");
        });
    }

    private String url(Service service, String path) {
        return stack.serviceUrl(service) + path;
    }
}
