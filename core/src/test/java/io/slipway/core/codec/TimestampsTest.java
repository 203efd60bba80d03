package io.slipway.core.codec;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    @Test
    void epochSecondsWithAFractionAreMilliseconds() {
        assertThat(Timestamps.fromEpochSeconds(new BigDecimal("1767225600.5"))).isEqualTo(Instant.parse("2026-01-01T00:00:00.500Z"));
        assertThat(Timestamps.fromEpochSeconds(new BigDecimal("-1"))).isEqualTo(Instant.parse("1969-12-31T23:59:59Z"));
    }

    @Test
    void epochSecondsOutOfRangeAreMalformedInputNotAnArithmeticFailure() {
        assertThatThrownBy(() -> Timestamps.fromEpochSeconds(new BigDecimal("1e20")))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Timestamps.fromEpochSeconds(new BigDecimal("-1e20")))
                .isInstanceOf(MalformedInputException.class);
        // would take a billion-digit scale if it were scaled before the range check
        assertThatThrownBy(() -> Timestamps.fromEpochSeconds(new BigDecimal("1e999999999")))
                .isInstanceOf(MalformedInputException.class);
    }
}
