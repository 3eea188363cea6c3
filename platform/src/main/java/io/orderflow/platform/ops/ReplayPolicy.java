package io.orderflow.platform.ops;

import java.util.Optional;

/**
 * A service's say on the ops API's replay: a processor whose replay needs more than a token reset (e.g. a view that
 * must keep answering while it is rebuilt) refuses it here and names the way to do it instead. The refusal is a 409.
 */
@FunctionalInterface
public interface ReplayPolicy {

    /** @return why {@code processorName} must not be replayed through the ops API, or empty to allow it */
    Optional<String> refusal(String processorName);
}
