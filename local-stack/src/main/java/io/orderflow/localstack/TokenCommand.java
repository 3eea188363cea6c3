package io.orderflow.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./run.sh token <customerId> | --operator [--data-dir DIR]}: prints a token the services of the local stack
 * accept, signed with the key pair in the stack's data directory (made when the stack first starts).
 */
final class TokenCommand {

    static final String USAGE = """
            Usage: ./run.sh token <customerId> [--data-dir DIR]   a customer's token: their own orders and account
                   ./run.sh token --operator [--data-dir DIR]     an operator's token: everything, incl. /ops/**
            Prints a JWT valid for 12 hours (until the data directory is wiped), e.g.
              TOKEN=$(./run.sh token alice); curl -H "Authorization: Bearer $TOKEN" localhost:8081/orders?customerId=alice
            """;

    private TokenCommand() {
    }

    /** @return the process's exit code */
    static int run(String[] args, Path defaultDataDir) {
        String subject = null;
        boolean operator = false;
        Path dataDir = defaultDataDir;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--operator" -> operator = true;
                case "--data-dir" -> {
                    if (++i == args.length) {
                        return usage("--data-dir needs a value");
                    }
                    dataDir = Path.of(args[i]);
                }
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("-") || subject != null) {
                        return usage("Unexpected argument: " + args[i]);
                    }
                    subject = args[i];
                }
            }
        }
        if (operator == (subject != null)) {
            return usage("Name either a customer id or --operator");
        }
        Path keys = new DataDir(dataDir).keys();
        if (!Files.exists(keys.resolve(TokenIssuer.PRIVATE_KEY))) {
            System.err.println("No token keys in " + keys + ": start the stack once (./run.sh) to make them.");
            return 1;
        }
        TokenIssuer issuer = TokenIssuer.in(keys);
        System.out.println(operator ? issuer.operator(OperatorCredential.fromEnvironment().user())
                                    : issuer.customer(subject));
        return 0;
    }

    private static int usage(String problem) {
        System.err.println(problem);
        System.err.print(USAGE);
        return 2;
    }
}
