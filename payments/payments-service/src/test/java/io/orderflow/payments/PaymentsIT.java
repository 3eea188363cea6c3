package io.orderflow.payments;

import io.orderflow.payments.api.AuthorizePaymentCommand;
import io.orderflow.payments.api.CapturePaymentCommand;
import io.orderflow.payments.api.VoidPaymentCommand;
import io.orderflow.platform.test.ServiceTestInfrastructure;
import io.orderflow.platform.test.TestKafka;
import io.orderflow.platform.test.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
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
import static org.awaitility.Awaitility.await;

/** The payments service on real PostgreSQL and Kafka. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class PaymentsIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestInfrastructure.register(registry, "payments");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    CommandGateway commands;
    @Autowired
    org.axonframework.config.Configuration axon;

    @BeforeEach
    void asOperator() {
        TestTokens.authorize(http, TestTokens.operator());
    }

    @Test
    void serializesMessagesEventsAndStateWithJacksonOnly() {
        assertThat(List.of(axon.serializer(), axon.eventSerializer(), axon.messageSerializer()))
                .allSatisfy(serializer -> assertThat(serializer).isInstanceOf(Jackson3Serializer.class));
    }

    @Test
    void opensAnAccountAndShowsItsCredit() {
        String customer = "c-" + UUID.randomUUID();
        ResponseEntity<Map> created = http.postForEntity("/accounts", json(Map.of("customerId", customer,
                                                                                  "creditLimit", 250.5)), Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasToString("/accounts/" + customer);

        Map<?, ?> account = awaitAccount(customer);
        assertThat(new BigDecimal(account.get("creditLimit").toString())).isEqualByComparingTo("250.50");
        assertThat(new BigDecimal(account.get("available").toString())).isEqualByComparingTo("250.50");
        String raw = http.getForObject("/accounts/" + customer, String.class);
        assertThat(raw).contains("\"authorized\":0.00", "\"captured\":0.00", "\"available\":250.50");
    }

    @Test
    void letsCustomersReadOnlyTheirOwnAccountAndPaymentsAndOnlyOperatorsOpenAccounts() {
        String alice = "alice-" + UUID.randomUUID();
        String orderId = "o-" + UUID.randomUUID();
        http.postForEntity("/accounts", json(Map.of("customerId", alice, "creditLimit", 100)), Map.class);
        commands.sendAndWait(new AuthorizePaymentCommand(alice, orderId, new BigDecimal("10.00")));
        awaitAccount(alice);
        String aliceToken = TestTokens.customer(alice);
        String bobToken = TestTokens.customer("bob-" + UUID.randomUUID());

        assertThat(as(aliceToken, "/accounts/" + alice).getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(as(aliceToken, "/payments?orderId=" + orderId).getBody()).contains(alice));
        ResponseEntity<String> othersAccount = as(bobToken, "/accounts/" + alice);
        assertThat(othersAccount.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(othersAccount.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(as(bobToken, "/payments?orderId=" + orderId).getBody()).isEqualTo("[]");

        HttpHeaders customer = new HttpHeaders();
        customer.setBearerAuth(bobToken);
        customer.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> selfService = http.exchange(
                "/accounts", HttpMethod.POST,
                new HttpEntity<>(Map.of("customerId", "mallory-" + UUID.randomUUID(), "creditLimit", 1000000), customer),
                String.class);
        assertThat(selfService.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(selfService.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    private ResponseEntity<String> as(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void refusesASecondAccountForTheSameCustomerWithConflict() {
        String customer = "c-" + UUID.randomUUID();
        http.postForEntity("/accounts", json(Map.of("customerId", customer, "creditLimit", 10)), Map.class);
        ResponseEntity<Map> again = http.postForEntity("/accounts", json(Map.of("customerId", customer,
                                                                                "creditLimit", 20)), Map.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(again.getBody()).containsEntry("code", "ACCOUNT_ALREADY_EXISTS");
    }

    @Test
    void rejectsInvalidAccountsNamingEachField() {
        ResponseEntity<Map> response = http.postForEntity("/accounts", json(Map.of("customerId", "bad id!",
                                                                                   "creditLimit", -1.234)), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat((Map<String, Object>) response.getBody().get("errors")).containsKeys("customerId", "creditLimit");
    }

    @Test
    void answersNotFoundForAnUnknownAccount() {
        ResponseEntity<Map> response = http.getForEntity("/accounts/nobody-" + UUID.randomUUID(), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void authorizesExactlyAsManyConcurrentPaymentsAsTheCreditCovers() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        http.postForEntity("/accounts", json(Map.of("customerId", customer, "creditLimit", 100)), Map.class);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Object>> all = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                String order = "o-" + i + "-" + customer;
                all.add(CompletableFuture.supplyAsync(() -> commands.sendAndWait(
                        new AuthorizePaymentCommand(customer, order, new BigDecimal("10.00"))), pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<?, ?> account = awaitAccount(customer);
            assertThat(new BigDecimal(account.get("authorized").toString())).isEqualByComparingTo("100.00");
            assertThat(new BigDecimal(account.get("available").toString())).isEqualByComparingTo("0.00");
        });
    }

    @Test
    void publishesItsEventsToKafkaKeyedByAccount() {
        String customer = "c-" + UUID.randomUUID();
        String order = "o-" + UUID.randomUUID();
        http.postForEntity("/accounts", json(Map.of("customerId", customer, "creditLimit", 100)), Map.class);
        commands.sendAndWait(new AuthorizePaymentCommand(customer, order, new BigDecimal("40.00")));
        commands.sendAndWait(new CapturePaymentCommand(customer, order));
        commands.sendAndWait(new VoidPaymentCommand(customer, "never-authorized-" + order));

        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer()) {
            consumer.subscribe(List.of("payments-events"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (customer.equals(record.key())) {
                        types.add(new String(record.headers().lastHeader("axon-message-type").value(),
                                             StandardCharsets.UTF_8));
                    }
                }
                return types.size() >= 4;
            });
        }
        assertThat(types).containsExactly("io.orderflow.payments.api.AccountOpenedEvent",
                                          "io.orderflow.payments.api.PaymentAuthorizedEvent",
                                          "io.orderflow.payments.api.PaymentCapturedEvent",
                                          "io.orderflow.payments.api.PaymentVoidedEvent");
        List<Map> payments = List.of(http.getForObject("/payments?orderId=" + order, Map[].class));
        assertThat(payments).singleElement().satisfies(p -> assertThat(p).containsEntry("status", "CAPTURED"));
    }

    private Map<?, ?> awaitAccount(String customer) {
        return await().atMost(Duration.ofSeconds(20))
                      .until(() -> http.getForEntity("/accounts/" + customer, Map.class),
                             r -> r.getStatusCode().is2xxSuccessful())
                      .getBody();
    }


    private static HttpEntity<Map<String, Object>> json(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
