package io.orderflow.loadgen;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OptionsTest {

    @Test
    void defaultsToOneOpenLoopStepAgainstAStackItStarts() {
        Options o = Options.parse();
        assertThat(o.attach()).isFalse();
        assertThat(o.closedLoop()).isFalse();
        assertThat(o.rates()).containsExactly(100.0);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.mix().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void clientsMakeItAClosedLoop() {
        Options o = Options.parse("--clients", "4,8", "--duration=20s", "--attach");
        assertThat(o.closedLoop()).isTrue();
        assertThat(o.clients()).containsExactly(4, 8);
        assertThat(o.rates()).isEmpty();
        assertThat(o.steps()).isEqualTo(2);
        assertThat(o.attach()).isTrue();
    }

    @Test
    void overloadOffersTwiceTheRateThenHalfOfIt() {
        Options o = Options.parse("--overload", "40");
        assertThat(o.closedLoop()).isFalse();
        assertThat(o.rates()).containsExactly(80.0, 20.0);
    }

    @Test
    void normalisesTheMix() {
        Options o = Options.parse("--mix", "complete=2,declined=1,cancelled=1");
        assertThat(o.mix().get(OrderKind.COMPLETE)).isEqualTo(0.5);
        assertThat(o.mix().get(OrderKind.OUT_OF_STOCK)).isZero();
        assertThat(OrderKind.pick(o.mix(), 0.49)).isEqualTo(OrderKind.COMPLETE);
        assertThat(OrderKind.pick(o.mix(), 0.6)).isEqualTo(OrderKind.DECLINED);
        assertThat(OrderKind.pick(o.mix(), 0.99)).isEqualTo(OrderKind.CANCELLED);
    }

    @Test
    void readsServiceEnvironmentAndDurations() {
        Options o = Options.parse("--service-env", "orders:JAVA_TOOL_OPTIONS=-Xmx1g", "--poll-interval", "20ms");
        assertThat(o.serviceEnv()).containsEntry("orders", java.util.Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g"));
        assertThat(o.pollInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(Options.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Options.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Options.parse("--rate", "5")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> Options.parse("--mix", "lost=1")).hasMessageContaining("lost");
        assertThat(List.of(Options.USAGE)).isNotEmpty();
    }
}
