package io.orderflow.loadgen;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void takesTheNearestRankWithoutInterpolating() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i; // 100 .. 1, unsorted on purpose
        }
        Percentiles p = Percentiles.of(values);
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p90()).isEqualTo(90);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.mean()).isEqualTo(50.5);
    }

    @Test
    void aSingleValueIsEveryPercentile() {
        Percentiles p = Percentiles.of(List.of(7.0));
        assertThat(p.p50()).isEqualTo(7);
        assertThat(p.p99()).isEqualTo(7);
    }

    @Test
    void anEmptySampleHasNoPercentiles() {
        assertThat(Percentiles.of(List.of())).isEqualTo(Percentiles.EMPTY);
        assertThat(Percentiles.EMPTY.toMap().get("p99Ms")).isNull();
    }
}
