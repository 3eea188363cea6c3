package io.orderflow.systemtest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.orderflow.localstack.Service;
import io.orderflow.localstack.Stack;
import io.orderflow.localstack.StackConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input on every endpoint of every service, over HTTP against the real services: each gets a 4xx
 * {@code application/problem+json} that names the problem, nothing is dispatched or stored (every service's count
 * of handled commands and appended events stays as it was), and the services keep serving. A generated test covers
 * the space of order requests beyond the hand-picked cases, with the validation rules as its oracle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputSystemIT {

    private static final String JSON = "application/json";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int GENERATED = Integer.getInteger("bad-input.generated", 300);

    @TempDir
    static Path dataDir;

    private final Http http = new Http();
    private Stack stack;

    @BeforeAll
    void startSystem() {
        stack = new Stack(StackConfig.defaults().withDataDir(dataDir).withFreePorts()).start();
    }

    @AfterAll
    void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    /** One bad request and what must come back: the status and a text the problem must contain. */
    private record Case(Service service, String method, String path, String contentType, String body, int status,
                        String names, String... headers) {

        @Override
        public String toString() {
            return method + " " + service.id() + path + " " + (body == null ? "" : abbreviate(body));
        }
    }

    @Test
    @Order(1)
    void answersEveryHandPickedBadRequestWithAProblemThatNamesItAndChangesNothing() {
        List<Case> cases = handPicked();
        Map<Service, JsonNode> before = counters();

        List<String> mishandled = new ArrayList<>();
        for (Case bad : cases) {
            Http.Response response = http.raw(bad.method, stack.serviceUrl(bad.service) + bad.path, bad.contentType,
                                              bad.body, bad.headers);
            if (response.status() != bad.status || !response.contentType().startsWith("application/problem+json")
                || !response.body().contains(bad.names)) {
                mishandled.add(bad + " → " + abbreviate(response.toString()) + " (expected " + bad.status + " naming "
                               + bad.names + ")");
            }
        }
        assertThat(mishandled).as("requests not answered as expected").isEmpty();

        assertNothingStoredSince(before, cases);
        System.out.printf("Bad input: %d hand-picked requests across %d services, all answered with a problem%n",
                          cases.size(), Service.values().length);
        assertThat(cases).hasSizeGreaterThan(70);
    }

    @Test
    @Order(2)
    void answersGeneratedOrderRequestsAsTheRulesSay() {
        List<Generated> requests = orderRequests().sampleStream().limit(GENERATED).toList();
        int valid = 0;
        Set<String> acceptedCustomers = new LinkedHashSet<>();
        for (Generated request : requests) {
            Http.Response response = http.raw("POST", stack.serviceUrl(Service.ORDERS) + "/orders", JSON, request.json);
            if (request.problems.isEmpty()) {
                valid++;
                assertThat(response.status()).as(request + " → " + response).isEqualTo(202);
                acceptedCustomers.add(request.customerId);
                continue;
            }
            assertThat(response.status()).as(request + " → " + response).isEqualTo(400);
            assertThat(response.contentType()).as(request.json).startsWith("application/problem+json");
            Set<String> named = new TreeSet<>();
            named.addAll(response.json().path("errors").propertyNames());
            assertThat(named).as(request + " → " + response).isNotEmpty();
            if (request.wrongType) {
                // Jackson stops at the first value it cannot read: that one is named
                assertThat(request.problems).as(request + " → " + response).containsAll(named);
            } else {
                assertThat(named).as(request + " → " + response).isEqualTo(request.problems);
            }
        }
        String orders = stack.serviceUrl(Service.ORDERS) + "/orders?customerId=";
        for (String customer : acceptedCustomers) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertThat(http.get(orders + customer).json().size()).as(customer).isPositive());
        }
        int refusedCustomers = 0;
        for (Generated request : requests) {
            if (!request.problems.isEmpty() && request.customerId != null && ID.matcher(request.customerId).matches()
                && !acceptedCustomers.contains(request.customerId)) {
                assertThat(http.get(orders + request.customerId).json().size()).as(request.toString()).isZero();
                refusedCustomers++;
            }
        }
        assertThat(refusedCustomers).as("refused requests whose customer could have been stored").isPositive();
        System.out.printf("Generated order requests: %d tried, %d valid (accepted), %d invalid (400 naming the "
                          + "fields)%n", requests.size(), valid, requests.size() - valid);
        assertThat(valid).as("valid requests generated").isPositive();
        assertThat(requests.size() - valid).as("invalid requests generated").isPositive();
    }

    private List<Case> handPicked() {
        List<Case> cases = new ArrayList<>();
        String line = "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":9.99}";
        String order = "{\"customerId\":\"c-1\",\"lines\":[" + line + "]}";
        // POST /orders
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{not json}", 400, "not valid JSON"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":\"c-1\",\"lines\":[", 400, "lines"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", "text/plain", order, 415, "Content-Type"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", "application/xml", "<order/>", 415, "Content-Type"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, null, 400, "missing"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "[]", 400, "JSON"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{}", 400, "customerId"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"lines\":[" + line + "]}", 400, "customerId"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":null,\"lines\":[" + line + "]}", 400,
                           "customerId"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":\"c-1\"}", 400, "lines"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":\"c-1\",\"lines\":null}", 400, "lines"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":\"c-1\",\"lines\":[]}", 400, "lines"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":\"c-1\",\"lines\":[null]}", 400,
                           "lines[0]"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":\"c-1\",\"lines\":\"many\"}", 400,
                           "lines"));
        for (String quantity : List.of("0", "-1", "10001", "10000000000000", "\"two\"", "null", "1.5", "2.0",
                                       "\"2\"", "true")) {
            cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, orderWithLine(
                    "{\"sku\":\"SKU-1\",\"quantity\":" + quantity + ",\"unitPrice\":9.99}"), 400, "lines[0].quantity"));
        }
        for (String price : List.of("0", "-5.00", "1.234", "0.001", "1e30", "99999999.99", "\"cheap\"", "null",
                                    "\"9.99\"", "false")) {
            cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, orderWithLine(
                    "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":" + price + "}"), 400, "lines[0].unitPrice"));
        }
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON,
                           orderWithLine("{\"quantity\":1,\"unitPrice\":9.99}"), 400, "lines[0].sku"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON,
                           orderWithLine("{\"sku\":17,\"quantity\":1,\"unitPrice\":9.99}"), 400, "lines[0].sku"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":42,\"lines\":[" + line + "]}", 400,
                           "customerId"));
        for (String oddId : oddIds()) {
            cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":" + toJson(oddId)
                                                                        + ",\"lines\":[" + line + "]}", 400, "customerId"));
            cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, orderWithLine(
                    "{\"sku\":" + toJson(oddId) + ",\"quantity\":1,\"unitPrice\":9.99}"), 400, "lines[0].sku"));
        }
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":\"c-1\",\"lines\":[" + line + ","
                                                                    + line + "]}", 400, "more than one line"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":\"c-1\",\"lines\":["
                                                                    + manyLines(101) + "]}", 400, "lines"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, "{\"customerId\":\"c-1\",\"padding\":\""
                                                                    + "x".repeat(300_000) + "\"}", 413, "larger than"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders", JSON, order, 400, "Idempotency-Key",
                           "Idempotency-Key", "not a key!"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders/a%20b/cancel", null, null, 400, "orderId"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders/" + "o".repeat(65) + "/cancel", null, null, 400, "orderId"));
        cases.add(new Case(Service.ORDERS, "POST", "/orders/no-such-order/cancel", null, null, 404, "no-such-order"));
        cases.add(new Case(Service.ORDERS, "GET", "/orders/a%20b", null, null, 400, "orderId"));
        cases.add(new Case(Service.ORDERS, "GET", "/orders/no-such-order", null, null, 404, "no-such-order"));
        cases.add(new Case(Service.ORDERS, "GET", "/orders", null, null, 400, "customerId"));
        cases.add(new Case(Service.ORDERS, "GET", "/orders?customerId=%3Cscript%3E", null, null, 400, "customerId"));
        cases.add(new Case(Service.ORDERS, "GET", "/orders?customerId=c-1&limit=0", null, null, 400, "limit"));
        cases.add(new Case(Service.ORDERS, "GET", "/orders?customerId=c-1&limit=1001", null, null, 400, "limit"));
        cases.add(new Case(Service.ORDERS, "GET", "/orders?customerId=c-1&limit=all", null, null, 400, "limit"));
        // payments
        cases.add(new Case(Service.PAYMENTS, "POST", "/accounts", JSON, "{not json}", 400, "not valid JSON"));
        cases.add(new Case(Service.PAYMENTS, "POST", "/accounts", JSON, "{\"customerId\":", 400, "not valid JSON"));
        cases.add(new Case(Service.PAYMENTS, "POST", "/accounts", "text/plain", "{}", 415, "Content-Type"));
        cases.add(new Case(Service.PAYMENTS, "POST", "/accounts", JSON, "{}", 400, "creditLimit"));
        cases.add(new Case(Service.PAYMENTS, "POST", "/accounts", JSON, "{\"customerId\":7,\"creditLimit\":10}", 400,
                           "customerId"));
        for (String limit : List.of("-1", "1.234", "1e30", "\"lots\"", "null", "\"10\"", "true")) {
            cases.add(new Case(Service.PAYMENTS, "POST", "/accounts", JSON,
                               "{\"customerId\":\"c-1\",\"creditLimit\":" + limit + "}", 400, "creditLimit"));
        }
        for (String oddId : oddIds()) {
            cases.add(new Case(Service.PAYMENTS, "POST", "/accounts", JSON, "{\"customerId\":" + toJson(oddId)
                                                                           + ",\"creditLimit\":10}", 400, "customerId"));
        }
        cases.add(new Case(Service.PAYMENTS, "GET", "/accounts/a%20b", null, null, 400, "customerId"));
        cases.add(new Case(Service.PAYMENTS, "GET", "/accounts/nobody-here", null, null, 404, "nobody-here"));
        cases.add(new Case(Service.PAYMENTS, "GET", "/payments", null, null, 400, "orderId"));
        cases.add(new Case(Service.PAYMENTS, "GET", "/payments?orderId=%3Cx%3E", null, null, 400, "orderId"));
        // fulfillment
        cases.add(new Case(Service.FULFILLMENT, "POST", "/inventory/SKU-1/receipts", JSON, "{not json}", 400,
                           "not valid JSON"));
        cases.add(new Case(Service.FULFILLMENT, "POST", "/inventory/SKU-1/receipts", JSON, "{\"quantity\":", 400,
                           "not valid JSON"));
        cases.add(new Case(Service.FULFILLMENT, "POST", "/inventory/SKU-1/receipts", "text/plain", "{\"quantity\":1}",
                           415, "Content-Type"));
        for (String quantity : List.of("0", "-3", "10000000000000", "\"x\"", "null", "1.5", "3.0", "\"3\"",
                                       "2147483648")) {
            cases.add(new Case(Service.FULFILLMENT, "POST", "/inventory/SKU-1/receipts", JSON,
                               "{\"quantity\":" + quantity + "}", 400, "quantity"));
        }
        cases.add(new Case(Service.FULFILLMENT, "POST", "/inventory/a%20b/receipts", JSON, "{\"quantity\":1}", 400, "sku"));
        cases.add(new Case(Service.FULFILLMENT, "GET", "/inventory/a%20b", null, null, 400, "sku"));
        cases.add(new Case(Service.FULFILLMENT, "GET", "/inventory/NO-SUCH-SKU", null, null, 404, "NO-SUCH-SKU"));
        cases.add(new Case(Service.FULFILLMENT, "GET", "/shipments", null, null, 400, "orderId"));
        cases.add(new Case(Service.FULFILLMENT, "GET", "/shipments/a%20b", null, null, 400, "shipmentId"));
        cases.add(new Case(Service.FULFILLMENT, "GET", "/shipments/no-such-shipment", null, null, 404, "no-such-shipment"));
        cases.add(new Case(Service.FULFILLMENT, "POST", "/shipments/no-such-shipment/dispatch", null, null, 404,
                           "no-such-shipment"));
        cases.add(new Case(Service.FULFILLMENT, "POST", "/shipments/no-such-shipment/delivered", null, null, 404,
                           "no-such-shipment"));
        cases.add(new Case(Service.FULFILLMENT, "POST", "/shipments/a%20b/dispatch", null, null, 400, "shipmentId"));
        // reporting
        cases.add(new Case(Service.REPORTING, "GET", "/reports/orders/a%20b", null, null, 400, "orderId"));
        cases.add(new Case(Service.REPORTING, "GET", "/reports/orders/no-such-order", null, null, 404, "no-such-order"));
        cases.add(new Case(Service.REPORTING, "GET", "/reports/sales/daily?from=yesterday", null, null, 400, "from"));
        cases.add(new Case(Service.REPORTING, "GET", "/reports/sales/daily?from=2026-02-01&to=2026-01-01", null, null,
                           400, "from"));
        cases.add(new Case(Service.REPORTING, "GET", "/reports/sales/daily?from=2020-01-01&to=2026-01-01", null, null,
                           400, "366"));
        cases.add(new Case(Service.REPORTING, "GET", "/reports/products/top?limit=0", null, null, 400, "limit"));
        cases.add(new Case(Service.REPORTING, "GET", "/reports/products/top?limit=many", null, null, 400, "limit"));
        cases.add(new Case(Service.REPORTING, "GET", "/reports/customers/a%20b", null, null, 400, "customerId"));
        cases.add(new Case(Service.REPORTING, "GET", "/reports/fulfillment/lead-times?to=31.12.2026", null, null, 400,
                           "to"));
        cases.add(new Case(Service.REPORTING, "POST", "/reports/admin/rebuild/no-such-view", null, null, 404,
                           "no-such-view"));
        return cases;
    }

    private static List<String> oddIds() {
        return List.of("", " ", "a b", "../../etc/passwd", "<script>alert(1)</script>", "ümlaut", "a\u0000b",
                       "x".repeat(65), "x".repeat(10_000), "'; DROP TABLE orders; --", "-leading-dash", "😀");
    }

    private static String orderWithLine(String line) {
        return "{\"customerId\":\"c-1\",\"lines\":[" + line + "]}";
    }

    private static String manyLines(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("{\"sku\":\"SKU-" + i + "\",\"quantity\":1,\"unitPrice\":1.00}");
        }
        return String.join(",", lines);
    }

    /** @return each service's counts of handled commands and appended events (via its ops API) */
    private Map<Service, JsonNode> counters() {
        Map<Service, JsonNode> counters = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            counters.put(service, http.get(stack.serviceUrl(service) + "/ops/overview").json());
        }
        return counters;
    }

    /**
     * No service stored an event, and the only commands dispatched were those that had to ask an aggregate whether
     * it exists (a cancel, a dispatch or a delivery for an unknown id: 404); every service still answers UP.
     */
    private void assertNothingStoredSince(Map<Service, JsonNode> before, List<Case> cases) {
        Map<Service, JsonNode> after = counters();
        for (Service service : Service.values()) {
            assertThat(after.get(service).path("eventsAppended").asLong()).as(service + " events stored")
                                                                          .isEqualTo(before.get(service)
                                                                                           .path("eventsAppended").asLong());
            long askedForUnknown = cases.stream().filter(bad -> bad.service == service && bad.status == 404
                                                                 && bad.path.matches(".*/(cancel|dispatch|delivered)"))
                                        .count();
            // commandsHandled counts every handled command, failed ones too
            long dispatched = after.get(service).path("commandsHandled").asLong()
                              - before.get(service).path("commandsHandled").asLong();
            assertThat(dispatched).as(service + " commands dispatched").isEqualTo(askedForUnknown);
            assertThat(http.get(stack.serviceUrl(service) + "/actuator/health").json().path("status").asString())
                    .as(service + " health").isEqualTo("UP");
        }
    }

    // ---- generated order requests ----

    /** A generated body of {@code POST /orders}, with the fields the validation rules say are wrong. */
    private record Generated(String json, String customerId, Set<String> problems, boolean wrongType) {

        @Override
        public String toString() {
            return abbreviate(json) + " expecting " + problems;
        }
    }

    /** A generated value for one field: its JSON text, whether the rules accept it, whether it has the wrong type. */
    private record Value(String json, boolean ok, boolean wrongType, String text) {

        static Value of(Object value, boolean ok) {
            return new Value(toJson(value), ok, false, value == null ? null : value.toString());
        }

        static Value wrongType(String json) {
            return new Value(json, false, true, null);
        }
    }

    /** Mostly valid values, so that whole valid requests come up too, with every kind of wrong one mixed in. */
    private static Arbitrary<Generated> orderRequests() {
        Arbitrary<Value> customer = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(20)
                                       .map(s -> Value.of("gen-" + s, true))),
                Tuple.of(1, Arbitraries.strings().ofMinLength(0).ofMaxLength(80)
                                       .map(s -> Value.of(s, ID.matcher(s).matches()))),
                Tuple.of(1, Arbitraries.just(Value.of(null, false))),
                Tuple.of(1, Arbitraries.of(Value.wrongType("[\"c\"]"), Value.wrongType("{}"))));
        Arbitrary<Value> sku = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.strings().withCharRange('A', 'Z').numeric().withChars('-').ofMinLength(1)
                                        .ofMaxLength(12).map(s -> Value.of("S" + s, true))),
                Tuple.of(1, Arbitraries.strings().ofMinLength(0).ofMaxLength(70)
                                       .map(s -> Value.of(s, ID.matcher(s).matches()))),
                Tuple.of(1, Arbitraries.just(Value.of(null, false))));
        Arbitrary<Value> quantity = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.integers().between(1, 10_000).map(q -> Value.of(q, true))),
                Tuple.of(2, Arbitraries.integers().between(-5, 12_000).map(q -> Value.of(q, q >= 1 && q <= 10_000))),
                Tuple.of(1, Arbitraries.longs().between(3_000_000_000L, Long.MAX_VALUE)
                                       .map(q -> Value.wrongType(q.toString()))),
                Tuple.of(1, Arbitraries.just(Value.of(null, false))),
                Tuple.of(1, Arbitraries.just(Value.wrongType("\"one\""))));
        Arbitrary<Value> price = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("1000000.00"))
                                        .ofScale(2).map(p -> Value.of(p, true))),
                Tuple.of(2, Arbitraries.bigDecimals().between(new BigDecimal("-10"), new BigDecimal("2000000"))
                                       .ofScale(2).map(p -> Value.of(p, p.signum() > 0
                                                                        && p.compareTo(new BigDecimal("1000000.00")) <= 0))),
                // three decimals as written, even 6.020: refused
                Tuple.of(1, Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("1000")).ofScale(3)
                                       .map(p -> Value.of(p, false))),
                Tuple.of(1, Arbitraries.just(Value.of(null, false))),
                Tuple.of(1, Arbitraries.of(Value.wrongType("\"free\""), Value.wrongType("[1]"))));
        Arbitrary<Value[]> line = Combinators.combine(sku, quantity, price).as((s, q, p) -> new Value[] {s, q, p});
        Arbitrary<List<Value[]>> lines = line.list().ofMinSize(0).ofMaxSize(3);
        return Combinators.combine(customer, lines, Arbitraries.integers().between(0, 19))
                          .as(BadInputSystemIT::generated);
    }

    private static Generated generated(Value customer, List<Value[]> lines, int shape) {
        Set<String> problems = new TreeSet<>();
        boolean wrongType = customer.wrongType;
        if (!customer.ok) {
            problems.add("customerId");
        }
        List<String> lineJson = new ArrayList<>();
        Map<String, Integer> skus = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Value[] fields = lines.get(i);
            String[] names = {"sku", "quantity", "unitPrice"};
            List<String> parts = new ArrayList<>();
            for (int f = 0; f < 3; f++) {
                parts.add("\"" + names[f] + "\":" + fields[f].json);
                if (!fields[f].ok) {
                    problems.add("lines[" + i + "]." + names[f]);
                }
                wrongType |= fields[f].wrongType;
            }
            lineJson.add("{" + String.join(",", parts) + "}");
            if (fields[0].text != null && !fields[0].wrongType) {
                skus.merge(fields[0].text, 1, Integer::sum);
            }
        }
        String linesJson = "[" + String.join(",", lineJson) + "]";
        if (shape == 0) {
            linesJson = null; // no lines field at all
        }
        if (linesJson == null || lines.isEmpty()) {
            problems.add("lines");
        }
        if (skus.values().stream().anyMatch(count -> count > 1)) {
            problems.add("lines");
        }
        if (linesJson == null) {
            problems.removeIf(problem -> problem.startsWith("lines["));
        }
        StringBuilder json = new StringBuilder("{\"customerId\":").append(customer.json);
        if (linesJson != null) {
            json.append(",\"lines\":").append(linesJson);
        }
        json.append('}');
        return new Generated(json.toString(), customer.text, problems, wrongType);
    }

    private static String toJson(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "… (" + text.length() + " chars)" : text;
    }
}
