package io.orderflow.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator credential: the one the dashboard asks of its users, and the one it presents to the services' ops
 * APIs. Without a password nobody gets in.
 */
@ConfigurationProperties("orderflow.operator")
public record OperatorProperties(String user, String password) {

    public OperatorProperties {
        user = user == null || user.isBlank() ? "operator" : user;
    }

    public boolean configured() {
        return password != null && !password.isBlank();
    }
}
