package io.orderflow.platform.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one operator credential the ops API accepts (HTTP Basic) until a real identity provider lands. Without a
 * password nobody gets in: the ops API is never open by default.
 *
 * @param user     {@code ORDERFLOW_OPERATOR_USER}
 * @param password {@code ORDERFLOW_OPERATOR_PASSWORD}; blank locks the ops API
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
