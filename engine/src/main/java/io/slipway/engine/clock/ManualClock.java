package io.slipway.engine.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time that moves only when a test says so. Every move notifies jump listeners, which is how
 * waiting workers learn that a timer may now be due without anyone sleeping.
 */
public final class ManualClock implements SlipwayClock {

    private final AtomicReference<Instant> now;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant now() {
        return now.get();
    }

    /** Time never passes by itself, so any wait lasts until the next jump. */
    @Override
    public Duration toRealDelay(Duration slipwayDelay) {
        return slipwayDelay.isNegative() || slipwayDelay.isZero() ? Duration.ZERO : ChronoUnit.FOREVER.getDuration();
    }

    @Override
    public Runnable addJumpListener(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + by);
        }
        Instant result = now.accumulateAndGet(null, (current, ignored) -> current.plus(by));
        listeners.forEach(Runnable::run);
        return result;
    }

    /** Moves to {@code instant}, which must not be earlier than now: timers rely on monotonic time. */
    public void set(Instant instant) {
        Instant previous = now.getAndUpdate(current -> instant.isBefore(current) ? current : instant);
        if (instant.isBefore(previous)) {
            throw new IllegalArgumentException("time does not run backwards: " + previous + " -> " + instant);
        }
        listeners.forEach(Runnable::run);
    }
}
