package io.orderflow.platform.web;

import java.time.Duration;

/**
 * The service refuses new work for now, to finish what it already accepted: 503 with {@code Retry-After}, and the
 * reason as the problem's {@code code}. Nothing was changed.
 *
 * @see ProblemDetailsAdvice
 */
public class ServiceBusyException extends RuntimeException {

    private final String code;
    private final Duration retryAfter;

    public ServiceBusyException(String code, String message, Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public String code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
