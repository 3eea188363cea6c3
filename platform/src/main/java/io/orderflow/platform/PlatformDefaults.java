package io.orderflow.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds {@code orderflow-platform.yml} as the lowest-precedence property source of every service, so the
 * settings all services share (Jackson everywhere, no Axon Server, Kafka and command-bus defaults) live in one
 * place and any service's own configuration or the environment can override them. With the {@code axonserver}
 * profile active, {@code orderflow-platform-axonserver.yml} goes just above it (Axon Server instead of Kafka and the
 * HTTP command bus).
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "orderflow-platform.yml";
    static final String AXON_SERVER_PROFILE = "axonserver";
    static final String AXON_SERVER_RESOURCE = "orderflow-platform-axonserver.yml";
    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.matchesProfiles(AXON_SERVER_PROFILE)) {
            addLast(environment, "orderflow-platform-axonserver", AXON_SERVER_RESOURCE);
        }
        addLast(environment, "orderflow-platform-defaults", RESOURCE);
        // Axon's usage reporter reads only a JVM system property (or an environment variable), never Spring's
        // environment: hand it the configured value (off by default), unless the JVM was started with one.
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, environment.getProperty(UPDATE_CHECKER_DISABLED, "true"));
        }
    }

    private static void addLast(ConfigurableEnvironment environment, String name, String resource) {
        try {
            ClassPathResource yaml = new ClassPathResource(resource);
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(name, yaml)) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
