package io.orderflow.loadgen;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.orderflow.localstack.OperatorCredential;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * JSON over HTTP/1.1, synchronous or not: the generator talks to the services as any client would, with the
 * operator's credential (it opens accounts, receives stock and places orders for many customers).
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String AUTHORIZATION = OperatorCredential.fromEnvironment().authorization();
    /** What the report says of the credential every request carries. */
    static final String CREDENTIAL = "the operator's HTTP Basic credential (checked without a password hash)";

    private final HttpClient client = HttpClient.newBuilder()
                                                .version(HttpClient.Version.HTTP_1_1)
                                                .connectTimeout(Duration.ofSeconds(5))
                                                .executor(Executors.newFixedThreadPool(4, r -> {
                                                    Thread t = new Thread(r, "http-client");
                                                    t.setDaemon(true);
                                                    return t;
                                                }))
                                                .build();

    /** @param retryAfter whether the answer carried {@code Retry-After} */
    record Response(int status, String body, boolean retryAfter) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JacksonException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    Response get(String url) {
        return join(getAsync(url));
    }

    Response post(String url, Object body) {
        return join(postAsync(url, body));
    }

    CompletableFuture<Response> getAsync(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    CompletableFuture<Response> postAsync(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                               .header("Content-Type", "application/json")
                               .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    private CompletableFuture<Response> send(HttpRequest.Builder request) {
        return client.sendAsync(request.header("Authorization", AUTHORIZATION).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString())
                     .thenApply(r -> new Response(r.statusCode(), r.body(),
                                                  r.headers().firstValue("Retry-After").isPresent()));
    }

    private static Response join(CompletableFuture<Response> response) {
        try {
            return response.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    static String write(Object body) {
        return JSON.writeValueAsString(body);
    }
}
