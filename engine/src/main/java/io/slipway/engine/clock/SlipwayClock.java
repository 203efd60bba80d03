package io.slipway.engine.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * The one source of time for Slipway. Everything that is stored or compared (due times, leases,
 * timestamps) is in Slipway time; only the final wait before a worker wakes is converted to real
 * time, so {@code --time-scale} and tests can bend time without touching any caller.
 */
public interface SlipwayClock {

    Instant now();

    /**
     * How long to really wait for {@code slipwayDelay} of Slipway time to pass. May return a very
     * long duration (a manual clock never moves by itself); callers cap it. Never negative.
     */
    Duration toRealDelay(Duration slipwayDelay);

    /**
     * Registers a listener called whenever time jumps instead of passing (a manual clock being set
     * or advanced), so that anyone waiting for a due time re-checks at once. Returns the action
     * that removes the listener. Clocks whose time only passes never call it.
     */
    default Runnable addJumpListener(Runnable listener) {
        return () -> { };
    }
}
