package io.orderflow.platform.commandbus;

import java.util.Set;

/**
 * What one node of the command bus handles.
 *
 * @param loadFactor   its share of the routing keys among nodes that handle the same commands
 * @param commandNames the commands it handles
 */
public record Capabilities(int loadFactor, Set<String> commandNames) {

    static final Capabilities NONE = new Capabilities(0, Set.of());
}
