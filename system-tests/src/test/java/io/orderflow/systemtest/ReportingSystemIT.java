package io.orderflow.systemtest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reporting against the facts of the owning services. A seeded random workload of orders runs through the four
 * services as processes (completed, out of stock, declined, cancelled by the customer); once every order has ended,
 * each report must equal the totals computed from the orders, payments and fulfillment APIs. Then the view is rebuilt
 * from the beginning of the topics while the reports keep answering from the old copy, and the rebuilt copy must
 * answer the same. The number of orders is {@value #DEFAULT_ORDERS} unless {@code -Dreporting.workload.orders} says
 * otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportingSystemIT {

    private static final Logger log = LoggerFactory.getLogger(ReportingSystemIT.class);
    private static final int DEFAULT_ORDERS = 200;
    private static final long SEED = 20_261_123L;
    private static final Duration SETTLE = Duration.ofMinutes(10);

    @TempDir
    static Path dataDir;

    private final Http http = new Http();
    private final Random random = new Random(SEED);
    private final int orderCount = Integer.getInteger("reporting.workload.orders", DEFAULT_ORDERS);
    private final List<String> customers = new ArrayList<>();
    private final Map<String, Integer> received = new TreeMap<>();
    private final Map<String, BigDecimal> prices = new HashMap<>();
    private final List<String> orderIds = new ArrayList<>();
    private final AtomicLong maxLagEvents = new AtomicLong();
    private final AtomicLong maxLagMillis = new AtomicLong();
    private Stack stack;
    private String orders;
    private String payments;
    private String fulfillment;
    private String reporting;
    private LocalDate firstDay;
    private String sampleCustomer;

    @BeforeAll
    void startSystemAndRunTheWorkload() throws Exception {
        stack = new Stack(StackConfig.defaults()
                                     .withDataDir(dataDir)
                                     .withFreePorts()
                                     .withHealthTimeout(Duration.ofMinutes(10))
                                     .withExtraEnv(Service.FULFILLMENT, "AUTO_DISPATCH_DELAY", "2s")
                                     .withExtraEnv(Service.ORDERS, "ORDER_DEADLINE", "180s"))
                .start();
        orders = stack.serviceUrl(Service.ORDERS);
        payments = stack.serviceUrl(Service.PAYMENTS);
        fulfillment = stack.serviceUrl(Service.FULFILLMENT);
        reporting = stack.serviceUrl(Service.REPORTING);
        firstDay = LocalDate.now(ZoneOffset.UTC);
        runWorkload();
    }

    @AfterAll
    void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void everyOutcomeCountEqualsTheOrdersTheOrdersServiceEnded() {
        Map<String, Long> expected = new TreeMap<>();
        ordersByCustomer().values().forEach(list -> list.forEach(order -> expected.merge(outcome(order), 1L,
                                                                                           Long::sum)));
        JsonNode report = report("/reports/outcomes");

        Map<String, Long> reported = new TreeMap<>();
        report.path("outcomes").forEach(o -> reported.put(o.path("outcome").asString() + "/"
                                                          + (o.path("reason").isNull() ? "" : o.path("reason").asString()),
                                                          o.path("count").asLong()));
        assertThat(reported).isEqualTo(expected);
        assertThat(report.path("ended").asLong()).isEqualTo(orderIds.size());
        assertThat(report.path("inProgress").asLong()).isZero();
        assertThat(expected.keySet()).as("the workload has every kind of outcome")
                                     .contains("COMPLETED/", "REJECTED/OUT_OF_STOCK", "REJECTED/PAYMENT_DECLINED",
                                               "CANCELLED/CANCELLED_BY_CUSTOMER");
    }

    @Test
    @Order(2)
    void dailySalesAddUpToTheOrdersAndTheMoneyThePaymentsServiceCaptured() {
        Map<String, List<JsonNode>> byCustomer = ordersByCustomer();
        BigDecimal captured = customers.stream().map(c -> account(c).path("captured").decimalValue())
                                       .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal completedTotals = byCustomer.values().stream().flatMap(List::stream)
                                               .filter(o -> o.path("status").asString().equals("COMPLETED"))
                                               .map(o -> o.path("total").decimalValue())
                                               .reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, Long> counts = new TreeMap<>();
        byCustomer.values().forEach(list -> list.forEach(o -> counts.merge(outcome(o), 1L, Long::sum)));

        JsonNode report = report("/reports/sales/daily?from=" + firstDay.minusDays(1) + "&to="
                                 + LocalDate.now(ZoneOffset.UTC));
        long placed = 0, completed = 0, rejected = 0, cancelled = 0, outOfStock = 0, declined = 0, captures = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal refunds = BigDecimal.ZERO;
        for (JsonNode day : report.path("days")) {
            placed += day.path("placed").asLong();
            completed += day.path("completed").asLong();
            rejected += day.path("rejected").asLong();
            outOfStock += day.path("rejectedByReason").path("OUT_OF_STOCK").asLong();
            declined += day.path("rejectedByReason").path("PAYMENT_DECLINED").asLong();
            cancelled += day.path("cancelled").asLong();
            captures += day.path("captures").asLong();
            revenue = revenue.add(day.path("grossRevenue").decimalValue());
            refunds = refunds.add(day.path("refunds").decimalValue());
        }
        assertThat(placed).isEqualTo(orderIds.size());
        assertThat(completed).isEqualTo(counts.getOrDefault("COMPLETED/", 0L)).isEqualTo(captures);
        assertThat(outOfStock).isEqualTo(counts.getOrDefault("REJECTED/OUT_OF_STOCK", 0L));
        assertThat(declined).isEqualTo(counts.getOrDefault("REJECTED/PAYMENT_DECLINED", 0L));
        assertThat(rejected).isEqualTo(outOfStock + declined);
        assertThat(cancelled).isEqualTo(counts.getOrDefault("CANCELLED/CANCELLED_BY_CUSTOMER", 0L)
                                        + counts.getOrDefault("CANCELLED/TIMEOUT", 0L));
        assertThat(revenue).isEqualByComparingTo(captured).isEqualByComparingTo(completedTotals);
        assertThat(refunds).isEqualByComparingTo("0");
    }

    @Test
    @Order(3)
    void unitsSoldPerSkuEqualTheStockTheFulfillmentServiceShipped() {
        Map<String, Long> unitsOrdered = new TreeMap<>();
        Map<String, BigDecimal> revenueOrdered = new TreeMap<>();
        ordersByCustomer().values().forEach(list -> list.stream()
                                                        .filter(o -> o.path("status").asString().equals("COMPLETED"))
                                                        .forEach(o -> o.path("lines").forEach(line -> {
                                                            unitsOrdered.merge(line.path("sku").asString(),
                                                                               line.path("quantity").asLong(),
                                                                               Long::sum);
                                                            revenueOrdered.merge(line.path("sku").asString(),
                                                                                 line.path("unitPrice").decimalValue()
                                                                                     .multiply(BigDecimal.valueOf(
                                                                                             line.path("quantity")
                                                                                                 .asLong())),
                                                                                 BigDecimal::add);
                                                        })));
        Map<String, Long> shipped = new TreeMap<>();
        received.forEach((sku, quantity) -> {
            long moved = quantity - http.get(fulfillment + "/inventory/" + sku).json().path("onHand").asLong();
            if (moved > 0) {
                shipped.put(sku, moved);
            }
        });

        JsonNode report = report("/reports/products/top?limit=1000&from=" + firstDay.minusDays(1) + "&to="
                                 + LocalDate.now(ZoneOffset.UTC));
        Map<String, Long> sold = new TreeMap<>();
        Map<String, BigDecimal> revenue = new TreeMap<>();
        List<BigDecimal> ranking = new ArrayList<>();
        report.path("products").forEach(p -> {
            sold.put(p.path("sku").asString(), p.path("unitsSold").asLong());
            revenue.put(p.path("sku").asString(), p.path("revenue").decimalValue().stripTrailingZeros());
            ranking.add(p.path("revenue").decimalValue());
        });
        assertThat(sold).isEqualTo(shipped).isEqualTo(unitsOrdered);
        Map<String, BigDecimal> expectedRevenue = new TreeMap<>();
        revenueOrdered.forEach((sku, amount) -> expectedRevenue.put(sku, amount.stripTrailingZeros()));
        assertThat(revenue).isEqualTo(expectedRevenue);
        assertThat(ranking).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    @Order(4)
    void eachCustomersReportEqualsTheirOrdersAndWhatTheirAccountPaid() {
        Map<String, List<JsonNode>> byCustomer = ordersByCustomer();
        for (String customer : customers) {
            List<JsonNode> theirs = byCustomer.get(customer);
            JsonNode report = http.get(reporting + "/reports/customers/" + customer).json();
            if (theirs.isEmpty()) {
                continue;
            }
            assertThat(report.path("orders").asLong()).as(customer).isEqualTo(theirs.size());
            assertThat(report.path("completed").asLong()).as(customer)
                    .isEqualTo(theirs.stream().filter(o -> o.path("status").asString().equals("COMPLETED")).count());
            assertThat(report.path("rejected").asLong()).as(customer)
                    .isEqualTo(theirs.stream().filter(o -> o.path("status").asString().equals("REJECTED")).count());
            assertThat(report.path("cancelled").asLong()).as(customer)
                    .isEqualTo(theirs.stream().filter(o -> o.path("status").asString().equals("CANCELLED")).count());
            assertThat(report.path("totalSpent").decimalValue()).as(customer)
                    .isEqualByComparingTo(account(customer).path("captured").decimalValue());
            Instant last = theirs.stream().map(ReportingSystemIT::placedAt).max(Instant::compareTo).orElseThrow();
            assertThat(Instant.parse(report.path("lastOrderAt").asString())).as(customer).isEqualTo(last);
            assertThat(theirs.stream().filter(o -> placedAt(o).equals(last)).map(o -> o.path("orderId").asString()))
                    .as(customer).contains(report.path("lastOrderId").asString());
        }
    }

    @Test
    @Order(5)
    void leadTimesMeasureEveryDispatchedAndCompletedOrder() {
        long completed = ordersByCustomer().values().stream().flatMap(List::stream)
                                           .filter(o -> o.path("status").asString().equals("COMPLETED")).count();

        JsonNode report = report("/reports/fulfillment/lead-times?from=" + firstDay.minusDays(1) + "&to="
                                 + LocalDate.now(ZoneOffset.UTC));

        JsonNode toCompleted = report.path("placedToCompleted");
        assertThat(toCompleted.path("orders").asLong()).isEqualTo(completed);
        assertThat(report.path("placedToDispatched").path("orders").asLong()).isEqualTo(completed);
        assertThat(toCompleted.path("p50").asDouble()).isPositive()
                                                       .isLessThanOrEqualTo(toCompleted.path("p90").asDouble());
        assertThat(toCompleted.path("p90").asDouble()).isLessThanOrEqualTo(toCompleted.path("p99").asDouble());
        assertThat(report.path("placedToDispatched").path("p50").asDouble())
                .as("dispatch waits for the auto-dispatch delay").isGreaterThanOrEqualTo(2.0);
        log.info("Lead times over {} orders: {}", completed, report);
    }

    @Test
    @Order(6)
    void rebuildsTheViewWhileTheOldCopyKeepsAnsweringAndEndsWithTheSameReports() {
        String before = reports();
        String activeBefore = http.get(reporting + "/reports/admin/rebuild/order-facts").json().path("activeCopy")
                                  .asString();

        Http.Response started = http.post(reporting + "/reports/admin/rebuild/order-facts", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().path("state").asString()).isEqualTo("REBUILDING");

        int answeredDuringRebuild = 0;
        JsonNode status;
        while ((status = http.get(reporting + "/reports/admin/rebuild/order-facts").json()).path("state").asString()
                                                                                          .equals("REBUILDING")) {
            JsonNode outcomes = http.get(reporting + "/reports/outcomes").json();
            if (!outcomes.path("freshness").path("copy").asString().equals(activeBefore)) {
                break;
            }
            assertThat(reports()).as("answer during the rebuild").isEqualTo(before);
            answeredDuringRebuild++;
            assertThat(status.path("seconds").asDouble()).as("rebuild time").isLessThan(SETTLE.toSeconds());
        }
        await().atMost(SETTLE).until(() -> http.get(reporting + "/reports/admin/rebuild/order-facts").json()
                                               .path("state").asString().equals("IDLE"));
        JsonNode finished = http.get(reporting + "/reports/admin/rebuild/order-facts").json();

        assertThat(finished.path("activeCopy").asString()).isNotEqualTo(activeBefore);
        assertThat(answeredDuringRebuild).as("queries answered by the old copy while the rebuild ran").isPositive();
        assertThat(reports()).isEqualTo(before);
        log.info("Rebuilt {} orders ({} records) in {} s; {} queries answered from the old copy meanwhile",
                 orderIds.size(), finished.path("totalEvents").asLong(), finished.path("seconds").asDouble(),
                 answeredDuringRebuild);
    }

    private void runWorkload() throws Exception {
        for (int i = 0; i < Math.max(10, orderCount / 15); i++) {
            String customer = "cust-" + SEED + "-" + i;
            String limit = i % 5 == 0 ? "60.00" : "100000.00";
            Http.Response response = http.post(payments + "/accounts",
                                               Map.of("customerId", customer, "creditLimit", new BigDecimal(limit)));
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            customers.add(customer);
        }
        for (int i = 0; i < 12; i++) {
            String sku = "sku-" + SEED + "-" + i;
            int quantity = i < 2 ? 15 : orderCount * 3;
            Http.Response response = http.post(fulfillment + "/inventory/" + sku + "/receipts",
                                               Map.of("quantity", quantity));
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            received.put(sku, quantity);
            prices.put(sku, BigDecimal.valueOf(100 + random.nextInt(4900), 2));
        }
        for (String customer : customers) {
            await().atMost(Duration.ofSeconds(60))
                   .until(() -> http.get(payments + "/accounts/" + customer).status() == 200);
        }
        for (String sku : received.keySet()) {
            await().atMost(Duration.ofSeconds(60))
                   .until(() -> http.get(fulfillment + "/inventory/" + sku).status() == 200);
        }

        List<Map<String, Object>> requests = new ArrayList<>();
        List<String> skus = new ArrayList<>(received.keySet());
        for (int i = 0; i < orderCount; i++) {
            String customer = customers.get(random.nextInt(customers.size()));
            List<String> shuffled = new ArrayList<>(skus);
            Collections.shuffle(shuffled, random);
            List<Map<String, Object>> lines = new ArrayList<>();
            for (String sku : shuffled.subList(0, 1 + random.nextInt(3))) {
                lines.add(Map.of("sku", sku, "quantity", 1 + random.nextInt(3), "unitPrice", prices.get(sku)));
            }
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("customerId", customer);
            request.put("lines", lines);
            request.put("cancel", random.nextInt(10) == 0);
            requests.add(request);
        }

        sampleCustomer = (String) requests.get(0).get("customerId");
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(this::sampleFreshness, 0, 250, TimeUnit.MILLISECONDS);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        try {
            List<Future<String>> placed = new ArrayList<>();
            for (Map<String, Object> request : requests) {
                placed.add(clients.submit(() -> place(request)));
            }
            for (Future<String> future : placed) {
                orderIds.add(future.get());
            }
            double placing = (System.nanoTime() - started) / 1e9;
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(this::everyOrderEnded);
            double ended = (System.nanoTime() - started) / 1e9;
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(250)).until(this::reportingCaughtUp);
            double caughtUp = (System.nanoTime() - started) / 1e9;
            log.info("Workload: {} orders placed in {} s, all ended after {} s, reporting caught up after {} s; "
                     + "during the workload reporting was at most {} records and {} s behind the topics",
                     orderIds.size(), round(placing), round(ended), round(caughtUp), maxLagEvents.get(),
                     maxLagMillis.get() / 1000.0);
        } finally {
            clients.shutdownNow();
            sampler.shutdownNow();
        }
    }

    /** Places the order as a well-behaved client does: refused for now (503, Retry-After), it asks again later. */
    private String place(Map<String, Object> request) {
        Map<String, Object> body = Map.of("customerId", request.get("customerId"), "lines", request.get("lines"));
        String key = java.util.UUID.randomUUID().toString();
        Http.Response response = http.post(orders + "/orders", body, key);
        for (int retry = 0; response.status() == 503 && retry < 60; retry++) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            response = http.post(orders + "/orders", body, key);
        }
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        String orderId = response.json().path("orderId").asString();
        if ((Boolean) request.get("cancel")) {
            http.post(orders + "/orders/" + orderId + "/cancel", Map.of());
        }
        return orderId;
    }

    private void sampleFreshness() {
        try {
            JsonNode freshness = http.get(reporting + "/reports/outcomes").json().path("freshness");
            if (freshness.hasNonNull("lagEvents")) {
                maxLagEvents.accumulateAndGet(freshness.path("lagEvents").asLong(), Math::max);
            }
            if (freshness.hasNonNull("lagSeconds")) {
                maxLagMillis.accumulateAndGet(Math.round(freshness.path("lagSeconds").asDouble() * 1000), Math::max);
            }
        } catch (RuntimeException e) {
            log.warn("Could not sample reporting's freshness: {}", e.toString());
        }
    }

    private boolean everyOrderEnded() {
        return ordersByCustomer().values().stream().flatMap(List::stream)
                                 .allMatch(o -> List.of("COMPLETED", "REJECTED", "CANCELLED")
                                                    .contains(o.path("status").asString()));
    }

    /** Every order ended, and reporting has applied every record on the topics. */
    private boolean reportingCaughtUp() {
        JsonNode outcomes = http.get(reporting + "/reports/outcomes").json();
        return outcomes.path("ended").asLong() == orderIds.size()
               && outcomes.path("freshness").path("lagEvents").asLong(-1) == 0;
    }

    /** The orders service's view: each customer's orders, newest first. */
    private Map<String, List<JsonNode>> ordersByCustomer() {
        Map<String, List<JsonNode>> byCustomer = new TreeMap<>();
        for (String customer : customers) {
            List<JsonNode> list = new ArrayList<>();
            http.get(orders + "/orders?limit=1000&customerId=" + customer).json().forEach(list::add);
            byCustomer.put(customer, list);
        }
        return byCustomer;
    }

    private JsonNode account(String customer) {
        return http.get(payments + "/accounts/" + customer).json();
    }

    private JsonNode report(String path) {
        Http.Response response = http.get(reporting + path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Every report without its freshness, as one string. */
    private String reports() {
        String range = "from=" + firstDay.minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC);
        StringBuilder all = new StringBuilder();
        for (String path : List.of("/reports/outcomes", "/reports/sales/daily?" + range,
                                   "/reports/products/top?limit=1000&" + range,
                                   "/reports/fulfillment/lead-times?" + range,
                                   "/reports/customers/" + sampleCustomer,
                                   "/reports/orders/" + orderIds.get(orderIds.size() / 2))) {
            ObjectNode report = (ObjectNode) report(path);
            report.remove("freshness");
            all.append(path).append(' ').append(report).append('\n');
        }
        return all.toString();
    }

    private static String outcome(JsonNode order) {
        String status = order.path("status").asString();
        return status + "/" + (order.path("reason").isNull() ? "" : order.path("reason").asString());
    }

    /** To the millisecond: event times cross Kafka with that precision. */
    private static Instant placedAt(JsonNode order) {
        return Instant.parse(order.path("placedAt").asString()).truncatedTo(ChronoUnit.MILLIS);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
