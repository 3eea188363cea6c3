package io.orderflow.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    private static final StackConfig DEFAULTS = StackConfig.defaults();

    @Test
    void startsEverythingOnTheDefaultPortsWithoutOptions() {
        StackConfig config = CommandLine.parse(new String[0], DEFAULTS).config();

        assertThat(config.pgPort()).isEqualTo(15432);
        assertThat(config.kafkaPort()).isEqualTo(19092);
        assertThat(config.kafkaControllerPort()).isEqualTo(19093);
        assertThat(config.services()).containsExactly(Service.values());
        assertThat(config.dataDir()).isEqualTo(Path.of(".data").toAbsolutePath());
        assertThat(config.healthTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.clean()).isFalse();
    }

    @Test
    void readsEveryOption() {
        StackConfig config = CommandLine.parse(new String[] {"--clean", "--data-dir", "/tmp/x", "--pg-port", "5433",
                                                             "--kafka-port", "9092", "--services", "orders,payments",
                                                             "--health-timeout", "30"}, DEFAULTS).config();

        assertThat(config.clean()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x").toAbsolutePath());
        assertThat(config.pgPort()).isEqualTo(5433);
        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.kafkaControllerPort()).isEqualTo(9093);
        assertThat(config.services()).containsExactly(Service.ORDERS, Service.PAYMENTS);
        assertThat(config.healthTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void runsOnlyInfrastructureWithNoServices() {
        assertThat(CommandLine.parse(new String[] {"--no-services"}, DEFAULTS).config().services()).isEmpty();
    }

    @Test
    void asksForHelp() {
        assertThat(CommandLine.parse(new String[] {"--help"}, DEFAULTS).help()).isTrue();
        assertThat(CommandLine.USAGE).contains("--data-dir", "--clean", "--pg-port", "--kafka-port", "--services",
                                               "--no-services", "--health-timeout");
    }

    @Test
    void rejectsUnknownOptionsAndServices() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--pg"}, DEFAULTS))
                .hasMessageContaining("Unknown option: --pg");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--services", "orders,billing"}, DEFAULTS))
                .hasMessageContaining("Unknown service 'billing'");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--pg-port"}, DEFAULTS))
                .hasMessageContaining("--pg-port needs a value");
    }
}
