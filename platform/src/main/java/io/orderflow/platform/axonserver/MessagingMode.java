package io.orderflow.platform.axonserver;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * How a service's messages travel: through Axon Server ({@code axon.axonserver.enabled=true}, the {@code axonserver}
 * profile) or through Kafka and the HTTP command bus (the default). Read from the same property that switches Axon's
 * own Axon Server auto-configuration, with Axon's default, so both always agree.
 */
public enum MessagingMode {
    AXON_SERVER,
    KAFKA;

    static final String PROPERTY = "axon.axonserver.enabled";

    static MessagingMode of(org.springframework.core.env.PropertyResolver properties) {
        return properties.getProperty(PROPERTY, Boolean.class, true) ? AXON_SERVER : KAFKA;
    }

    static ConditionOutcome outcome(ConditionContext context, MessagingMode expected) {
        MessagingMode mode = of(context.getEnvironment());
        String message = "messaging mode " + mode + " (" + PROPERTY + "="
                         + context.getEnvironment().getProperty(PROPERTY, "<unset>") + ")";
        return mode == expected ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
    }

    static final class OnAxonServer extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return outcome(context, AXON_SERVER);
        }
    }

    static final class OnKafka extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return outcome(context, KAFKA);
        }
    }
}
