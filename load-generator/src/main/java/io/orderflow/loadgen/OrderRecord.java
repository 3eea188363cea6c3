package io.orderflow.loadgen;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One order the generator placed: when it meant to, what came back, and the timeline reporting recorded. */
final class OrderRecord {

    static final java.util.Set<String> TERMINAL = java.util.Set.of("COMPLETED", "REJECTED", "CANCELLED", "DELIVERED");

    final OrderKind kind;
    /** Wall clock, microseconds since the epoch: when the order was due to be sent (open loop) or was sent. */
    final long intendedMicros;
    volatile long acceptedMicros;
    volatile int httpStatus;
    volatile String orderId;
    volatile String error;
    /** Refused by admission control (503 with Retry-After): not an error, and not placed. */
    volatile boolean refused;
    volatile int cancelStatus;
    volatile String status;
    volatile String reason;
    /** Step name to its wall-clock time in microseconds, from {@code GET /reports/orders/{id}}. */
    final Map<String, Long> timeline = new ConcurrentHashMap<>();

    OrderRecord(OrderKind kind, long intendedMicros) {
        this.kind = kind;
        this.intendedMicros = intendedMicros;
    }

    boolean accepted() {
        return orderId != null && httpStatus == 202;
    }

    boolean terminal() {
        return status != null && TERMINAL.contains(status);
    }

    /** @return when the order reached its outcome (wall clock, µs), or -1 */
    long terminalMicros() {
        for (String step : new String[] {"ORDER_COMPLETED", "ORDER_REJECTED", "ORDER_CANCELLED"}) {
            Long at = timeline.get(step);
            if (at != null) {
                return at;
            }
        }
        return -1;
    }

    /** @return the outcome as a label, e.g. {@code COMPLETED}, {@code REJECTED/OUT_OF_STOCK}, {@code ERROR} */
    String outcome() {
        if (refused) {
            return "REFUSED";
        }
        if (error != null || !accepted()) {
            return "ERROR";
        }
        if (!terminal()) {
            return "UNFINISHED";
        }
        String s = status.equals("DELIVERED") ? "COMPLETED" : status;
        return reason == null || reason.isBlank() || reason.equals("null") ? s : s + "/" + reason;
    }

    /** @return milliseconds between two timeline steps, or NaN if either is missing */
    double between(String from, String to) {
        Long a = timeline.get(from);
        Long b = timeline.get(to);
        return a == null || b == null ? Double.NaN : (b - a) / 1000.0;
    }
}
