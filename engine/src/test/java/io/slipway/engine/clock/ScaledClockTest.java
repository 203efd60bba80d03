package io.slipway.engine.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScaledClockTest {

    private static final Instant ORIGIN = Instant.parse("2025-03-01T10:00:00Z");
    private final AtomicLong nanos = new AtomicLong(123_456_789L);

    @Test
    void slipwayTimeRunsScaleTimesFasterFromTheOrigin() {
        ScaledClock clock = new ScaledClock(60, ORIGIN, nanos::get);
        assertThat(clock.now()).isEqualTo(ORIGIN);

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(clock.now()).isEqualTo(ORIGIN.plusSeconds(60));

        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(clock.now()).isEqualTo(ORIGIN.plusSeconds(90));
    }

    @Test
    void realDelayIsSlipwayDelayDividedByScale() {
        ScaledClock clock = new ScaledClock(1000, ORIGIN, nanos::get);
        assertThat(clock.toRealDelay(Duration.ofHours(1))).isEqualTo(Duration.ofMillis(3600));
        assertThat(clock.toRealDelay(Duration.ofDays(1))).isEqualTo(Duration.ofSeconds(86, 400_000_000));
        assertThat(clock.toRealDelay(Duration.ofSeconds(-5))).isZero();
        assertThat(clock.toRealDelay(Duration.ZERO)).isZero();
    }

    @Test
    void realDelayRoundsUpSoAWakeIsNeverEarly() {
        ScaledClock clock = new ScaledClock(3, ORIGIN, nanos::get);
        Duration real = clock.toRealDelay(Duration.ofSeconds(1));
        assertThat(real).isEqualTo(Duration.ofNanos(333_333_334));
        nanos.addAndGet(real.toNanos());
        assertThat(clock.now()).isAfterOrEqualTo(ORIGIN.plusSeconds(1));
    }

    @Test
    void slowerThanRealTimeWorksToo() {
        ScaledClock clock = new ScaledClock(0.5, ORIGIN, nanos::get);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(clock.now()).isEqualTo(ORIGIN.plusSeconds(5));
        assertThat(clock.toRealDelay(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsScalesThatAreNotPositiveAndFinite() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new ScaledClock(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void systemBackedClockStartsNearNow() {
        Instant before = Instant.now();
        ScaledClock clock = new ScaledClock(1);
        assertThat(clock.now()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(clock.timeScale()).isEqualTo(1);
    }
}
