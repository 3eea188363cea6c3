package io.orderflow.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ./run.sh --axon-server HOST:PORT}: the services in their axonserver profile, no Kafka, data kept apart. */
class AxonServerModeTest {

    private static final StackConfig DEFAULTS = StackConfig.defaults();

    @Test
    void runsTheServicesInTheirAxonServerProfileWithoutKafka() {
        StackConfig config = CommandLine.parse(new String[] {"--axon-server", "localhost:8124"}, DEFAULTS).config();

        assertThat(config.usesAxonServer()).isTrue();
        assertThat(config.axonServer()).isEqualTo("localhost:8124");
        assertThat(ServiceEnvironment.of(config, Service.ORDERS))
                .containsEntry("SPRING_PROFILES_ACTIVE", "axonserver")
                .containsEntry("AXONSERVER_SERVERS", "localhost:8124")
                .doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void keepsItsDataApartFromTheDefaultModeUnlessToldWhere() {
        assertThat(CommandLine.parse(new String[] {"--axon-server", "localhost:8124"}, DEFAULTS).config().dataDir())
                .isEqualTo(Path.of(".data-axonserver").toAbsolutePath());
        assertThat(CommandLine.parse(new String[] {"--data-dir", "/tmp/x", "--axon-server", "localhost:8124"}, DEFAULTS)
                              .config().dataDir())
                .isEqualTo(Path.of("/tmp/x").toAbsolutePath());
    }

    @Test
    void theDefaultModeIsUnchanged() {
        StackConfig config = CommandLine.parse(new String[0], DEFAULTS).config();

        assertThat(config.usesAxonServer()).isFalse();
        assertThat(ServiceEnvironment.of(config, Service.ORDERS)).containsKey("KAFKA_BOOTSTRAP_SERVERS")
                                                                  .doesNotContainKey("SPRING_PROFILES_ACTIVE");
    }

    @Test
    void refusesAnAddressWithoutPort() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--axon-server", "localhost"}, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HOST:PORT");
    }
}
