package io.orderflow.loadgen;

import java.util.Arrays;
import java.util.Locale;

/** What an order is meant to become, and the terminal status that says it did. */
enum OrderKind {
    COMPLETE("complete", "COMPLETED"),
    OUT_OF_STOCK("out-of-stock", "REJECTED"),
    DECLINED("declined", "REJECTED"),
    CANCELLED("cancelled", "CANCELLED");

    private final String option;
    private final String expectedStatus;

    OrderKind(String option, String expectedStatus) {
        this.option = option;
        this.expectedStatus = expectedStatus;
    }

    String option() {
        return option;
    }

    String expectedStatus() {
        return expectedStatus;
    }

    static OrderKind byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.option.equals(n) || k.name().equalsIgnoreCase(n)
                                                   || (k == OUT_OF_STOCK && n.equals("stock")))
                     .findFirst()
                     .orElseThrow(() -> new IllegalArgumentException("Unknown order kind '" + name + "', expected one of "
                                                                     + Arrays.stream(values()).map(OrderKind::option).toList()));
    }

    /** @param u uniform in [0, 1) */
    static OrderKind pick(java.util.Map<OrderKind, Double> mix, double u) {
        double acc = 0;
        OrderKind last = COMPLETE;
        for (var e : mix.entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            acc += e.getValue();
            last = e.getKey();
            if (u < acc) {
                return e.getKey();
            }
        }
        return last;
    }
}
