package io.orderflow.platform.test;

import io.orderflow.localstack.TokenIssuer;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tokens for the services under test: one key pair per test JVM, in a temporary directory removed when the JVM
 * exits; {@link ServiceTestInfrastructure#register} makes every service trust its public key.
 */
public final class TestTokens {

    private static final TokenIssuer ISSUER = create();

    private TestTokens() {
    }

    public static TokenIssuer issuer() {
        return ISSUER;
    }

    public static String customer(String customerId) {
        return ISSUER.customer(customerId);
    }

    public static String operator() {
        return ISSUER.operator("test-operator");
    }

    /** Every request of this template carries the token from now on. */
    public static TestRestTemplate authorize(TestRestTemplate http, String token) {
        http.getRestTemplate().getInterceptors().removeIf(BearerToken.class::isInstance);
        http.getRestTemplate().getInterceptors().add(new BearerToken(token));
        return http;
    }

    private static TokenIssuer create() {
        try {
            Path directory = Files.createTempDirectory("orderflow-test-keys");
            TokenIssuer issuer = TokenIssuer.in(directory);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(directory)) {
                    files.forEach(file -> file.toFile().delete());
                } catch (IOException ignored) {
                    // best effort: the directory is in the temporary area
                }
                directory.toFile().delete();
            }));
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record BearerToken(String token) implements org.springframework.http.client.ClientHttpRequestInterceptor {

        @Override
        public org.springframework.http.client.ClientHttpResponse intercept(
                org.springframework.http.HttpRequest request, byte[] body,
                org.springframework.http.client.ClientHttpRequestExecution execution) throws IOException {
            if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().setBearerAuth(token);
            }
            return execution.execute(request, body);
        }
    }
}
