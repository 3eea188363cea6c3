package io.orderflow.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Which of a service's own endpoints only operators may call, besides {@code /ops/**} and Actuator (every service):
 * each entry is a path pattern, optionally preceded by an HTTP method, e.g. {@code POST /inventory/*}{@code /receipts}.
 *
 * @param operatorPaths {@code orderflow.security.operator-paths}
 */
@ConfigurationProperties("orderflow.security")
public record AccessProperties(List<String> operatorPaths) {

    public AccessProperties {
        operatorPaths = operatorPaths == null ? List.of() : List.copyOf(operatorPaths);
    }
}
