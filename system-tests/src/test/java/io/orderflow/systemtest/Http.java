package io.orderflow.systemtest;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.orderflow.localstack.OperatorCredential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A tiny JSON-over-HTTP client: the system tests talk to the services the way any client would; by default with
 * the operator's credential, or with the token given.
 */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization;

    Http() {
        this(OperatorCredential.fromEnvironment().authorization());
    }

    private Http(String authorization) {
        this.authorization = authorization;
    }

    /** @return a client presenting the bearer token */
    static Http bearer(String token) {
        return new Http("Bearer " + token);
    }

    Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Response post(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                               .header("Content-Type", "application/json")
                               .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** POST with an {@code Idempotency-Key} header. */
    Response post(String url, Object body, String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create(url))
                               .header("Content-Type", "application/json")
                               .header("Idempotency-Key", idempotencyKey)
                               .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Response delete(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.header("Authorization", authorization)
                                                               .timeout(Duration.ofSeconds(30)).build(),
                                                        HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                                response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        return JSON.writeValueAsString(body);
    }

    /** Any request, as it is: the method, a body of any content type (or none), extra headers as name, value, … */
    Response raw(String method, String url, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                                                 .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                                                              : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    record Response(int status, String body, String contentType) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JacksonException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
