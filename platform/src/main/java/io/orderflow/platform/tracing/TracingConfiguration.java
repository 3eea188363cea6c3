package io.orderflow.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * Axon's spans through the OpenTelemetry SDK that Spring Boot configures (sampling, W3C propagation, the logging
 * MDC): every command, event handler and saga step is a span, and the {@code traceparent} that Axon writes into each
 * message's metadata carries the trace across the HTTP command bus, Kafka and Axon Server. Axon's own default would
 * use the global OpenTelemetry instance, which Spring Boot does not register, and so trace nothing.
 */
@AutoConfiguration(
        after = org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration.class,
        before = {org.axonframework.springboot.autoconfig.OpenTelemetryAutoConfiguration.class,
                AxonTracingAutoConfiguration.class})
@ConditionalOnBean(OpenTelemetry.class)
public class TracingConfiguration {

    static final String INSTRUMENTATION_SCOPE = "io.orderflow.axon";

    @Bean
    public SpanFactory spanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                                       .tracer(openTelemetry.getTracer(INSTRUMENTATION_SCOPE))
                                       .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                                       .build();
    }
}
