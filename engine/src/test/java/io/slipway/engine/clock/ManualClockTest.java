package io.slipway.engine.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void movesOnlyWhenToldAndTellsListeners() {
        ManualClock clock = new ManualClock(START);
        AtomicInteger jumps = new AtomicInteger();
        Runnable remove = clock.addJumpListener(jumps::incrementAndGet);

        assertThat(clock.now()).isEqualTo(START);
        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(START.plusSeconds(300));
        clock.set(START.plusSeconds(600));
        assertThat(clock.now()).isEqualTo(START.plusSeconds(600));
        assertThat(jumps).hasValue(2);

        remove.run();
        clock.advance(Duration.ofSeconds(1));
        assertThat(jumps).hasValue(2);
    }

    @Test
    void neverRunsBackwards() {
        ManualClock clock = new ManualClock(START);
        assertThatThrownBy(() -> clock.set(START.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.now()).isEqualTo(START);
    }

    @Test
    void aWaitLastsUntilTheNextJump() {
        ManualClock clock = new ManualClock(START);
        assertThat(clock.toRealDelay(Duration.ofSeconds(1))).isGreaterThan(Duration.ofDays(365_000));
        assertThat(clock.toRealDelay(Duration.ZERO)).isZero();
        assertThat(new RealClock().toRealDelay(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }
}
