package io.slipway.codedeploy.deployment;

import io.slipway.model.codedeploy.TimeBasedCanary;
import io.slipway.model.codedeploy.TimeBasedLinear;
import io.slipway.model.codedeploy.TrafficRoutingConfig;
import io.slipway.model.codedeploy.TrafficRoutingType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficShiftTest {

    @Test
    void allAtOnceAndNoConfigMoveEverything() {
        assertThat(TrafficShift.next(null, 0)).isEqualTo(new TrafficShift(100, Duration.ZERO));
        assertThat(TrafficShift.next(new TrafficRoutingConfig(TrafficRoutingType.ALL_AT_ONCE, null, null), 0))
                .isEqualTo(new TrafficShift(100, Duration.ZERO));
    }

    @Test
    void canaryIsTwoSteps() {
        TrafficRoutingConfig canary = new TrafficRoutingConfig(TrafficRoutingType.TIME_BASED_CANARY, new TimeBasedCanary(15, 10), null);
        assertThat(TrafficShift.next(canary, 0)).isEqualTo(new TrafficShift(15, Duration.ofMinutes(10)));
        assertThat(TrafficShift.next(canary, 15)).isEqualTo(new TrafficShift(100, Duration.ZERO));
    }

    @Test
    void linearStepsEvenlyAndNeverPassesOneHundred() {
        TrafficRoutingConfig linear = new TrafficRoutingConfig(TrafficRoutingType.TIME_BASED_LINEAR, null, new TimeBasedLinear(30, 3));
        assertThat(TrafficShift.next(linear, 0)).isEqualTo(new TrafficShift(30, Duration.ofMinutes(3)));
        assertThat(TrafficShift.next(linear, 60)).isEqualTo(new TrafficShift(90, Duration.ofMinutes(3)));
        assertThat(TrafficShift.next(linear, 90)).isEqualTo(new TrafficShift(100, Duration.ZERO));
    }
}
