package io.orderflow.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * @param services base URL of each service whose ops API the dashboard reads, in display order
 * @param timeout  how long one call to a service may take before it counts as down
 */
@ConfigurationProperties("orderflow.dashboard")
public record DashboardProperties(Map<String, String> services, Duration timeout) {

    public DashboardProperties {
        services = services == null ? Map.of() : new LinkedHashMap<>(services);
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
    }
}
