package io.orderflow.reporting.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param sampleInterval how often each copy's position is compared with the topics' end offsets (its freshness) and a
 *                       running rebuild is moved on
 */
@ConfigurationProperties("orderflow.reporting")
public record ReportingProperties(Duration sampleInterval) {
}
