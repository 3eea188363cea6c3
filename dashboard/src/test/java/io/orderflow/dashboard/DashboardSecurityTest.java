package io.orderflow.dashboard;

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

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard lets operators in only, and serves every asset itself. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"orderflow.operator.user=ops", "orderflow.operator.password=s3cret",
                "orderflow.dashboard.services.orders=http://127.0.0.1:9", "orderflow.dashboard.timeout=200ms"})
class DashboardSecurityTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void sendsStrangersToTheLoginPage() {
        HttpHeaders browser = new HttpHeaders();
        browser.setAccept(List.of(MediaType.TEXT_HTML));
        ResponseEntity<String> page = http.exchange("/", HttpMethod.GET, new HttpEntity<>(browser), String.class);
        if (page.getStatusCode().is3xxRedirection()) {
            assertThat(page.getHeaders().getLocation()).hasPath("/login.html");
        } else {
            assertThat(page.getBody()).contains("Sign in").doesNotContain("app.js");
        }
        assertThat(http.getForEntity("/login.html", String.class).getBody()).contains("Sign in");
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void answersThePageScriptWithoutABrowserPromptWhenSignedOut() {
        HttpHeaders script = new HttpHeaders();
        script.set("X-Requested-With", "XMLHttpRequest");
        ResponseEntity<String> answer = http.exchange("/api/overview", HttpMethod.GET, new HttpEntity<>(script),
                                                      String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().containsHeader(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
    }

    @Test
    void refusesAWrongCredential() {
        ResponseEntity<String> answer = http.withBasicAuth("ops", "wrong").getForEntity("/api/overview", String.class);
        assertThat(answer.getStatusCode()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FOUND);
        assertThat(String.valueOf(answer.getBody())).doesNotContain("\"health\"");
    }

    @Test
    void servesThePageAndItsAssetsWithoutExternalReferences() {
        TestRestTemplate operator = http.withBasicAuth("ops", "s3cret");
        String page = operator.getForObject("/", String.class);
        assertThat(page).contains("OrderFlow", "app.js", "app.css").doesNotContain("http://", "https://");
        assertThat(operator.getForObject("/app.js", String.class)).doesNotContain("http://", "https://");
    }

    @Test
    void reportsAServiceThatDoesNotAnswerAsDown() {
        Map<?, ?> overview = http.withBasicAuth("ops", "s3cret").getForObject("/api/overview", Map.class);
        Map<?, ?> orders = (Map<?, ?>) overview.get("orders");
        assertThat(orders.get("health")).isEqualTo("DOWN");
        assertThat(((Map<?, ?>) orders.get("ops")).get("error")).asString().startsWith("unreachable");
    }
}
