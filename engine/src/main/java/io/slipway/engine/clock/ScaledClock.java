package io.slipway.engine.clock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Slipway time that runs {@code timeScale} times faster than real time from the moment the clock
 * was created: {@code now = origin + (elapsed real time) * scale}. This is what
 * {@code --time-scale} gives: a one-hour hook timeout passes in 3.6 s at scale 1000.
 * Elapsed time comes from a monotonic source so wall-clock corrections cannot move Slipway time back.
 */
public final class ScaledClock implements SlipwayClock {

    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private final double scale;
    private final Instant origin;
    private final long originNanos;
    private final LongSupplier nanoTime;

    public ScaledClock(double timeScale) {
        this(timeScale, Instant.now(), System::nanoTime);
    }

    /** For tests: an explicit origin and a monotonic nanosecond source. */
    public ScaledClock(double timeScale, Instant origin, LongSupplier nanoTime) {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("time scale must be a positive finite number, got " + timeScale);
        }
        this.scale = timeScale;
        this.origin = origin;
        this.nanoTime = nanoTime;
        this.originNanos = nanoTime.getAsLong();
    }

    public double timeScale() {
        return scale;
    }

    @Override
    public Instant now() {
        // Double precision is a few nanoseconds after days of scaled time: plenty for timers, and cheap.
        double scaledNanos = (nanoTime.getAsLong() - originNanos) * scale;
        return Math.abs(scaledNanos) < 9e18
                ? origin.plusNanos((long) scaledNanos)
                : origin.plusSeconds((long) (scaledNanos / 1e9));
    }

    @Override
    public Duration toRealDelay(Duration slipwayDelay) {
        if (slipwayDelay.isNegative() || slipwayDelay.isZero()) {
            return Duration.ZERO;
        }
        // Exact decimal arithmetic, rounded up: a wake that comes a nanosecond early finds the timer
        // not yet due and waits again, so a worker would spin; one that comes late is harmless.
        BigDecimal nanos = BigDecimal.valueOf(slipwayDelay.getSeconds()).scaleByPowerOfTen(9)
                .add(BigDecimal.valueOf(slipwayDelay.getNano()))
                .divide(BigDecimal.valueOf(scale), 0, RoundingMode.CEILING);
        return nanos.compareTo(MAX_NANOS) >= 0 ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(nanos.longValueExact());
    }
}
