package io.orderflow.platform.axonserver;

import io.orderflow.platform.PlatformDefaults;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the {@code axonserver} profile switches, as every service's environment sees it. */
class AxonServerProfileTest {

    @Test
    void theDefaultModeKeepsAxonServerOffAndKafkaOn() {
        StandardEnvironment environment = environment();

        assertThat(MessagingMode.of(environment)).isEqualTo(MessagingMode.KAFKA);
        assertThat(environment.getProperty("axon.kafka.fetcher.enabled")).isNull();
        assertThat(environment.getProperty("axon.kafka.publisher.enabled", Boolean.class))
                .as("the extension's publisher; TopicPublisher publishes instead").isFalse();
        assertThat(environment.getProperty("orderflow.axonserver.contexts.orders")).isNull();
    }

    @Test
    void theProfileTurnsAxonServerOnAndKafkaOff() {
        StandardEnvironment environment = environment("axonserver");

        assertThat(MessagingMode.of(environment)).isEqualTo(MessagingMode.AXON_SERVER);
        assertThat(environment.getProperty("axon.kafka.publisher.enabled", Boolean.class)).isFalse();
        assertThat(environment.getProperty("axon.kafka.fetcher.enabled", Boolean.class)).isFalse();
        assertThat(environment.getProperty("axon.axonserver.servers")).isEqualTo("localhost:8124");
        assertThat(environment.getProperty("orderflow.axonserver.startup-timeout")).isEqualTo("60s");
    }

    @Test
    void eachServiceConnectsToItsOwnContextDefaultOnAxonServerSe() {
        Map<String, Object> service = new HashMap<>(Map.of("spring.application.name", "payments"));
        StandardEnvironment environment = environment("axonserver");
        environment.getPropertySources().addFirst(new MapPropertySource("service", service));

        assertThat(environment.getProperty("axon.axonserver.context")).isEqualTo("default");

        service.put("orderflow.axonserver.contexts.payments", "payments");
        assertThat(environment.getProperty("axon.axonserver.context")).isEqualTo("payments");
    }

    private static StandardEnvironment environment(String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles(profiles);
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
