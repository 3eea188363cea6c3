package io.orderflow.localstack;

/**
 * The operator credential the local stack gives every service's ops API and the dashboard:
 * {@code ORDERFLOW_OPERATOR_USER} / {@code ORDERFLOW_OPERATOR_PASSWORD} from the launcher's environment, or local
 * development defaults that the launcher prints. Never use the defaults outside this machine.
 */
public record OperatorCredential(String user, String password) {

    public static final String USER_VARIABLE = "ORDERFLOW_OPERATOR_USER";
    public static final String PASSWORD_VARIABLE = "ORDERFLOW_OPERATOR_PASSWORD";
    static final String DEV_USER = "operator";
    static final String DEV_PASSWORD = "orderflow-dev";

    public static OperatorCredential fromEnvironment() {
        return new OperatorCredential(orDefault(System.getenv(USER_VARIABLE), DEV_USER),
                                      orDefault(System.getenv(PASSWORD_VARIABLE), DEV_PASSWORD));
    }

    /** @return the value of an {@code Authorization} header presenting this credential (HTTP Basic) */
    public String authorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
