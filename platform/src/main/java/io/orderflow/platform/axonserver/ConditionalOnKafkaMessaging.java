package io.orderflow.platform.axonserver;

import org.springframework.context.annotation.Conditional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Only when events travel through Kafka and commands over HTTP (the default, no Axon Server). */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(MessagingMode.OnKafka.class)
public @interface ConditionalOnKafkaMessaging {
}
