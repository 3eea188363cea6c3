package io.orderflow.localstack;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret the services of one stack share on their command bus: {@code COMMAND_BUS_SECRET} from the launcher's
 * environment, or one made up at random once per launcher process (so a service restarted by the launcher still
 * knows it). Nothing outside the stack learns it.
 */
final class CommandBusSecret {

    static final String VARIABLE = "COMMAND_BUS_SECRET";
    private static final String RANDOM = random();

    private CommandBusSecret() {
    }

    static String fromEnvironment() {
        String configured = System.getenv(VARIABLE);
        return configured == null || configured.isBlank() ? RANDOM : configured;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
