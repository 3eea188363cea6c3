package io.orderflow.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator credential every service accepts with HTTP Basic, beside operator tokens. Without a
 * password nobody gets in with Basic: operator endpoints are never open by default.
 *
 * @param user     {@code ORDERFLOW_OPERATOR_USER}
 * @param password {@code ORDERFLOW_OPERATOR_PASSWORD}; blank: operator tokens only
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
