package io.orderflow.platform.axonserver;

import org.springframework.context.annotation.Conditional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Only when messages go through Axon Server (the {@code axonserver} profile). */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(MessagingMode.OnAxonServer.class)
public @interface ConditionalOnAxonServer {
}
