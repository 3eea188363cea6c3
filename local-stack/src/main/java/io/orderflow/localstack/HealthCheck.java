package io.orderflow.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Asks a Spring Boot service's actuator whether it is up: UP, or DEGRADED (it answers, but an event processor needs
 * an operator; the dashboard shows why).
 */
final class HealthCheck {

    private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"(UP|DEGRADED)\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private HealthCheck() {
    }

    static boolean isUp(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                                         .timeout(Duration.ofSeconds(3))
                                         .GET()
                                         .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && UP.matcher(response.body()).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking " + baseUrl, e);
        }
    }
}
