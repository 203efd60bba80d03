package io.slipway.engine.clock;

import java.time.Duration;
import java.time.Instant;

/** Wall-clock time; Slipway time and real time are the same. */
public final class RealClock implements SlipwayClock {

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Duration toRealDelay(Duration slipwayDelay) {
        return slipwayDelay.isNegative() ? Duration.ZERO : slipwayDelay;
    }
}
