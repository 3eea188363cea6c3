package io.orderflow.dashboard;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Calls the services' ops APIs with the operator credential. A service that does not answer gives an
 * {@code {"error": ...}} object instead of failing the whole page.
 */
@Component
public class OpsClient {

    private final DashboardProperties properties;
    private final ObjectMapper objectMapper;
    private final RestClient http;
    private final ExecutorService calls = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "ops-client");
        thread.setDaemon(true);
        return thread;
    });

    public OpsClient(DashboardProperties properties, OperatorProperties operator, ObjectMapper objectMapper) {
        this.properties = properties;
        this.objectMapper = objectMapper;
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(properties.timeout());
        factory.setReadTimeout(properties.timeout().multipliedBy(10));
        String credential = operator.user() + ":" + (operator.password() == null ? "" : operator.password());
        this.http = RestClient.builder()
                              .requestFactory(factory)
                              .defaultHeader(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                                      credential.getBytes(StandardCharsets.UTF_8)))
                              .build();
    }

    public List<String> services() {
        return List.copyOf(properties.services().keySet());
    }

    public JsonNode get(String service, String path) {
        return call(service, url -> http.get().uri(java.net.URI.create(url + path)).retrieve().body(JsonNode.class));
    }

    public JsonNode post(String service, String path) {
        return call(service, url -> http.post().uri(java.net.URI.create(url + path)).retrieve().body(JsonNode.class));
    }

    /** The same GET on every service at once, in the configured order. */
    public Map<String, JsonNode> getAll(String path) {
        Map<String, CompletableFuture<JsonNode>> futures = new java.util.LinkedHashMap<>();
        for (String service : services()) {
            futures.put(service, CompletableFuture.supplyAsync(() -> get(service, path), calls));
        }
        Map<String, JsonNode> results = new java.util.LinkedHashMap<>();
        futures.forEach((service, future) -> results.put(service, future.join()));
        return results;
    }

    private JsonNode call(String service, Function<String, JsonNode> request) {
        String url = properties.services().get(service);
        if (url == null) {
            throw new IllegalArgumentException("Unknown service " + service);
        }
        try {
            JsonNode body = request.apply(url);
            return body == null ? objectMapper.createObjectNode() : body;
        } catch (RestClientResponseException e) {
            ObjectNode error = objectMapper.createObjectNode();
            error.put("error", e.getStatusCode().value() + " " + detail(e));
            error.put("status", e.getStatusCode().value());
            return error;
        } catch (RuntimeException e) {
            ObjectNode error = objectMapper.createObjectNode();
            error.put("error", "unreachable: " + e.getMessage());
            return error;
        }
    }

    private String detail(RestClientResponseException e) {
        try {
            JsonNode problem = objectMapper.readTree(e.getResponseBodyAsByteArray());
            return problem.path("detail").asString(e.getStatusText());
        } catch (Exception ignored) {
            return e.getStatusText();
        }
    }
}
