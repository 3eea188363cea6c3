package io.orderflow.systemtest;

import tools.jackson.databind.JsonNode;
import io.orderflow.localstack.OperatorCredential;
import io.orderflow.localstack.Service;
import io.orderflow.localstack.Stack;
import io.orderflow.localstack.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) over
 * the whole system as processes: an operator signs in, watches an order in the overview and follows its journey
 * across contexts under one trace id, finds a stuck order's saga with its next deadline, resumes the paused
 * processor it waits for, and retries the dead letter a broken projection parked once the projection is fixed.
 * Screenshots go to {@code target/dashboard-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final Duration UI = Duration.ofSeconds(30);
    private static final Duration OUTCOME = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private final Http http = new Http();
    private Stack stack;
    private WebDriver browser;
    private String dashboard;

    @BeforeAll
    void startSystemAndBrowser() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .withFailMessage("The dashboard's browser test needs Debian's headless Chromium: %s and %s are missing."
                                 + " Install them with: apt-get install chromium chromium-driver (.ci/run does)",
                                 CHROMIUM, CHROMEDRIVER)
                .isTrue();
        stack = new Stack(StackConfig.defaults()
                                     .withDataDir(dataDir)
                                     .withFreePorts()
                                     .withHealthTimeout(Duration.ofSeconds(600))
                                     .withExtraEnv(Service.ORDERS, "ORDER_DEADLINE", "120s"))
                .start()
                .startDashboard(freePort());
        dashboard = stack.dashboardUrl();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                             "--window-size=1280,800", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                                                                       .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 800));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void operatorWatchesOrdersFindsAStuckSagaAndRetriesADeadLetter() throws Exception {
        String orders = stack.serviceUrl(Service.ORDERS);
        String payments = stack.serviceUrl(Service.PAYMENTS);
        String fulfillment = stack.serviceUrl(Service.FULFILLMENT);
        String sku = "sku-" + UUID.randomUUID();
        assertThat(http.post(fulfillment + "/inventory/" + sku + "/receipts", Map.of("quantity", 50)).status())
                .isEqualTo(201);
        String customer = openAccount("customer-");
        String poisoned = openAccount("poison-");

        signIn();
        ui().untilAsserted(() -> {
            assertThat(browser.findElements(By.cssSelector("#services .service"))).hasSize(4);
            assertThat(browser.findElements(By.cssSelector("#services .pill.up"))).hasSize(4);
        });

        // an order flows: the overview shows it and its status, the journey shows every context under one trace id
        String orderId = placeOrder(customer, sku);
        awaitOrder(orders, orderId, "COMPLETED");
        ui().untilAsserted(() -> {
            assertThat(text("#recent-events")).contains(orderId);
            assertThat(browser.findElements(By.cssSelector("#orders-by-status tr[data-status='COMPLETED']")))
                    .isNotEmpty();
            assertThat(text("#services")).contains("events/s");
        });
        screenshot("overview");

        click("#nav-journey");
        type("#journey-order-id", orderId);
        click("#journey-show");
        ui().untilAsserted(() -> {
            List<WebElement> rows = browser.findElements(By.cssSelector("#journey-events tbody tr"));
            assertThat(rows).hasSizeGreaterThanOrEqualTo(8);
            assertThat(text("#journey-events")).contains("orders", "payments", "fulfillment", "OrderPlacedEvent",
                                                         "PaymentCapturedEvent", "OrderCompletedEvent");
            assertThat(browser.findElements(By.cssSelector("#journey-events td.trace-id")).stream()
                              .map(WebElement::getText).distinct()).singleElement().asString().isNotBlank();
        });
        screenshot("journey");

        // a stuck order: dispatch is paused, and the payments projection is broken for its customer
        ops(fulfillment, "/ops/processors/auto-dispatch/pause");
        breakPaymentView(true);
        String stuck = placeOrder(poisoned, sku);
        awaitOrder(orders, stuck, "CONFIRMED");

        // a stopped processor turns its service's card red, naming it
        click("#nav-overview");
        By fulfillmentCard = By.cssSelector("#services .service[data-service='fulfillment']");
        ui().untilAsserted(() -> {
            WebElement card = browser.findElement(fulfillmentCard);
            assertThat(card.findElement(By.cssSelector("h2 .pill.down")).getText()).isEqualTo("DEGRADED");
            assertThat(card.findElement(By.cssSelector(".processing-problems")).getText())
                    .contains("auto-dispatch", "not running");
        });
        screenshot("overview-degraded");

        click("#nav-sagas");
        type("#saga-order-id", stuck);
        click("#saga-search");
        ui().untilAsserted(() -> {
            assertThat(text("#saga-results")).contains("OrderSaga", stuck);
            assertThat(text("#saga-results .next-deadline")).isNotEqualTo("none");
        });
        screenshot("sagas");

        click("#nav-processors");
        By resume = By.cssSelector("tr[data-processor='fulfillment/auto-dispatch'] button.start");
        clickFresh(resume);
        awaitOrder(orders, stuck, "COMPLETED");
        ui().untilAsserted(() -> assertThat(
                browser.findElements(By.cssSelector("tr[data-processor='fulfillment/auto-dispatch'] button.pause")))
                .isNotEmpty());
        screenshot("processors");

        click("#nav-dead-letters");
        By letters = By.cssSelector("#dead-letters tr[data-aggregate='" + poisoned + "']");
        ui().untilAsserted(() -> assertThat(browser.findElements(letters)).isNotEmpty());
        ui().untilAsserted(() -> assertThat(text("#dead-letters"))
                .contains("accounts", "PaymentAuthorizedEvent", "payment view rejects"));
        assertThat(http.get(payments + "/payments?orderId=" + stuck).json()).isEmpty();
        screenshot("dead-letters");

        breakPaymentView(false);
        clickFresh(By.cssSelector("#dead-letters tr[data-aggregate='" + poisoned + "'] button.retry"));
        ui().untilAsserted(() -> {
            assertThat(browser.findElements(letters)).isEmpty();
            assertThat(http.get(payments + "/payments?orderId=" + stuck).json()).isNotEmpty();
        });
        await().atMost(OUTCOME).untilAsserted(() -> assertThat(
                http.get(payments + "/payments?orderId=" + stuck).json().get(0).path("status").asString())
                .isEqualTo("CAPTURED"));

        click("#nav-overview");
        ui().untilAsserted(() -> assertThat(text("#recent-events")).contains(stuck));
        Path overview = screenshot("overview-after-retry");
        assertThat(overview).isNotEmptyFile();
    }

    /**
     * A malformed record on each consumed topic, beside real orders: every order completes, each record is set aside
     * in every processing group that reads its topic (for the saga, as the order it names), the ops API, health,
     * metrics and the dashboard show it with its raw value, a retry keeps it parked, and evicting it loses or doubles
     * nothing.
     */
    @Test
    void operatorSeesUnreadableRecordsSetAsideWhileEveryOtherOrderCompletes() throws Exception {
        String orders = stack.serviceUrl(Service.ORDERS);
        String reporting = stack.serviceUrl(Service.REPORTING);
        String sku = "sku-" + UUID.randomUUID();
        assertThat(http.post(stack.serviceUrl(Service.FULFILLMENT) + "/inventory/" + sku + "/receipts",
                             Map.of("quantity", 50)).status()).isEqualTo(201);
        String customer = openAccount("customer-");
        Map<String, String> placed = new java.util.LinkedHashMap<>();
        String first = placeOrder(customer, sku);
        placed.put(first, customer);
        awaitOrder(orders, first, "COMPLETED");

        Map<String, PoisonRecords.Sent> sent = new java.util.LinkedHashMap<>();
        try (PoisonRecords poison = new PoisonRecords(stack.kafkaBootstrapServers())) {
            sent.put("orders", poison.cutCopy("orders-events", "OrderPlacedEvent", "poisoned-" + UUID.randomUUID()));
            sent.put("payments", poison.cutCopy("payments-events", "PaymentAuthorizedEvent",
                                                "poisoned-" + UUID.randomUUID()));
            sent.put("fulfillment", poison.cutCopy("fulfillment-events", "StockReservedEvent",
                                                   "poisoned-" + UUID.randomUUID()));
            sent.put("garbage", poison.garbage("payments-events"));
        }
        for (int i = 0; i < 5; i++) {
            placed.put(placeOrder(customer, sku), customer);
        }
        placed.keySet().forEach(orderId -> awaitOrder(orders, orderId, "COMPLETED"));

        Set<String> sagaReads = Set.of(sent.get("payments").position(), sent.get("fulfillment").position(),
                                       sent.get("garbage").position());
        await().atMost(OUTCOME).untilAsserted(() -> {
            assertThat(unreadable(orders, "order-saga").keySet()).containsExactlyInAnyOrderElementsOf(sagaReads);
            assertThat(unreadable(orders, "order-delivery").keySet()).containsExactly(sent.get("fulfillment").position());
            for (String copy : List.of("order-facts-a", "order-facts-b")) {
                assertThat(unreadable(reporting, copy).keySet()).as(copy).containsExactlyInAnyOrderElementsOf(
                        sent.values().stream().map(PoisonRecords.Sent::position).toList());
            }
        });
        JsonNode letter = unreadable(orders, "order-saga").get(sent.get("payments").position());
        assertThat(letter.path("payload").path("value").asString()).isEqualTo(sent.get("payments").value());
        assertThat(letter.path("causeMessage").asString()).contains("Unreadable record", "payments-events");
        JsonNode health = http.get(orders + "/actuator/health").json();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("eventProcessors").path("details").path("deadLetters")
                         .path("order-saga").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(http.get(orders + "/actuator/prometheus").body())
                .containsPattern("orderflow_messages_set_aside_total\\{[^}]*group=\"order-saga\"[^}]*} 3\\.0");

        signIn();
        click("#nav-dead-letters");
        String letterId = letter.path("id").asString();
        By row = By.cssSelector("#dead-letters tr[data-id='" + letterId + "']");
        ui().untilAsserted(() -> {
            WebElement shown = browser.findElement(row);
            assertThat(shown.findElement(By.cssSelector("td.payload summary")).getText())
                    .contains("unreadable", sent.get("payments").position());
            assertThat(shown.findElement(By.cssSelector("td.payload pre.raw")).getAttribute("textContent"))
                    .isEqualTo(sent.get("payments").value());
        });
        String reportingLetter = unreadable(reporting, "order-facts-a").get(sent.get("garbage").position())
                                                                        .path("id").asString();
        ui().untilAsserted(() -> {
            WebElement shown = browser.findElement(By.cssSelector("#dead-letters tr[data-id='" + reportingLetter + "']"));
            assertThat(shown.getText()).contains("reporting", "order-facts-a", "lacks Axon's message headers");
            assertThat(shown.findElement(By.cssSelector("td.payload pre.raw")).getAttribute("textContent"))
                    .isEqualTo("\\u0000not an event");
        });
        screenshot("dead-letters-unreadable");
        clickFresh(By.cssSelector("#dead-letters tr[data-id='" + letterId + "'] button.retry"));
        ui().untilAsserted(() -> assertThat(text("#toast")).contains("still parked"));
        assertThat(unreadable(orders, "order-saga")).containsKey(sent.get("payments").position());

        for (String service : List.of(orders, reporting)) {
            for (JsonNode parked : http.get(service + "/ops/dead-letters").json()) {
                if (parked.path("payload").path("unreadable").asBoolean()) {
                    assertThat(http.delete(service + "/ops/dead-letters/" + parked.path("id").asString()).status())
                            .isEqualTo(204);
                }
            }
        }
        assertThat(unreadable(orders, "order-saga")).isEmpty();
        assertThat(unreadable(reporting, "order-facts-a")).isEmpty();
        Invariants invariants = new Invariants(http, orders, stack.serviceUrl(Service.PAYMENTS),
                                               stack.serviceUrl(Service.FULFILLMENT), reporting);
        await().atMost(OUTCOME).untilAsserted(() -> assertThat(
                invariants.check(placed, List.of(customer), new BigDecimal("1000.00"), List.of(sku), 50,
                                 new AtomicInteger()).breaches()).isEmpty());
    }

    /** The unreadable records a processing group set aside, by position ({@code topic/partition/offset}). */
    private Map<String, JsonNode> unreadable(String service, String group) {
        Map<String, JsonNode> found = new java.util.TreeMap<>();
        for (JsonNode letter : http.get(service + "/ops/dead-letters?processingGroup=" + group).json()) {
            JsonNode payload = letter.path("payload");
            if (payload.path("unreadable").asBoolean()) {
                found.put(payload.path("topic").asString() + "/" + payload.path("partition").asInt() + "/"
                          + payload.path("offset").asLong(), letter);
            }
        }
        return found;
    }

    private void signIn() {
        OperatorCredential operator = stack.operator();
        browser.get(dashboard + "/");
        await().atMost(UI).until(() -> !browser.findElements(By.id("password")).isEmpty()
                                       || !browser.findElements(By.id("nav-overview")).isEmpty());
        if (browser.findElements(By.id("password")).isEmpty()) {
            return;
        }
        WebElement user = browser.findElement(By.id("username"));
        user.clear();
        user.sendKeys(operator.user());
        browser.findElement(By.id("password")).sendKeys(operator.password());
        click("#sign-in");
        await().atMost(UI).until(() -> !browser.findElements(By.id("nav-overview")).isEmpty());
    }

    private String openAccount(String prefix) {
        String customer = prefix + UUID.randomUUID();
        assertThat(http.post(stack.serviceUrl(Service.PAYMENTS) + "/accounts",
                             Map.of("customerId", customer, "creditLimit", new BigDecimal("1000.00"))).status())
                .isEqualTo(201);
        return customer;
    }

    private String placeOrder(String customer, String sku) {
        Http.Response response = http.post(stack.serviceUrl(Service.ORDERS) + "/orders", Map.of(
                "customerId", customer,
                "lines", List.of(Map.of("sku", sku, "quantity", 2, "unitPrice", new BigDecimal("9.95")))));
        assertThat(response.status()).isEqualTo(202);
        return response.json().path("orderId").asString();
    }

    private void awaitOrder(String orders, String orderId, String status) {
        awaitJson(orders + "/orders/" + orderId, order -> status.equals(order.path("status").asString()));
    }

    private void awaitJson(String url, Predicate<JsonNode> condition) {
        await().atMost(OUTCOME).pollInterval(Duration.ofMillis(200)).until(() -> {
            Http.Response response = http.get(url);
            return response.status() == 200 && condition.test(response.json());
        });
    }

    /** Breaks (or fixes) payments' read model for customers named poison-…, as a bad deployment could. */
    private void breakPaymentView(boolean broken) throws SQLException {
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl("payments"), "postgres", "");
             Statement sql = db.createStatement()) {
            if (broken) {
                sql.execute("""
                            CREATE OR REPLACE FUNCTION reject_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                            BEGIN
                              IF NEW.customer_id LIKE 'poison-%' THEN
                                RAISE EXCEPTION 'payment view rejects %', NEW.customer_id;
                              END IF;
                              RETURN NEW;
                            END $$""");
                sql.execute("CREATE TRIGGER reject_poison BEFORE INSERT OR UPDATE ON payment_view "
                            + "FOR EACH ROW EXECUTE FUNCTION reject_poison()");
            } else {
                sql.execute("DROP TRIGGER reject_poison ON payment_view");
            }
        }
    }

    private void ops(String service, String path) throws Exception {
        OperatorCredential operator = stack.operator();
        String basic = Base64.getEncoder().encodeToString((operator.user() + ":" + operator.password())
                                                                  .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(service + path)).header("Authorization", "Basic " + basic)
                           .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void click(String css) {
        browser.findElement(By.cssSelector(css)).click();
    }

    /** Waits for the page, which re-renders what changed every 2 s: an element found may be replaced meanwhile. */
    private static org.awaitility.core.ConditionFactory ui() {
        return await().atMost(UI).ignoreExceptions();
    }

    /** Clicks an element of a table the page re-renders every 2 s: finds it afresh until the click lands. */
    private void clickFresh(By element) {
        await().atMost(UI).ignoreExceptions().until(() -> {
            browser.findElement(element).click();
            return true;
        });
    }

    private void type(String css, String value) {
        WebElement input = browser.findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(value);
    }

    private String text(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText)
                      .reduce("", (a, b) -> a + "\n" + b);
    }

    private Path screenshot(String name) {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
