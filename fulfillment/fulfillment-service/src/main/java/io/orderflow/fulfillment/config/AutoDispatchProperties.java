package io.orderflow.fulfillment.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Whether prepared shipments leave by themselves.
 *
 * @param enabled on: every prepared shipment is dispatched after {@code delay}; off: shipments wait for an explicit
 *                dispatch
 * @param delay   time between preparation and automatic dispatch
 */
@ConfigurationProperties("orderflow.fulfillment.auto-dispatch")
public record AutoDispatchProperties(boolean enabled, Duration delay) {

    public AutoDispatchProperties {
        delay = delay == null ? Duration.ZERO : delay;
    }
}
