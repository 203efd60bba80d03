package io.slipway.codedeploy.deployment;

import io.slipway.model.codedeploy.TrafficRoutingConfig;

import java.time.Duration;

/**
 * How AllowTraffic moves production traffic to the new version, per the deployment config
 * (AWS-BEHAVIOUR.md A.3): all at once; a canary share, then the rest after the interval; or equal
 * linear steps with equal intervals between them. Weights are percentages.
 */
record TrafficShift(double weight, Duration untilNext) {

    static TrafficShift next(TrafficRoutingConfig routing, double current) {
        if (routing == null || routing.type() == null) {
            return new TrafficShift(100, Duration.ZERO);
        }
        return switch (routing.type()) {
            case ALL_AT_ONCE -> new TrafficShift(100, Duration.ZERO);
            case TIME_BASED_CANARY -> current == 0
                    ? new TrafficShift(routing.timeBasedCanary().canaryPercentage(),
                            Duration.ofMinutes(routing.timeBasedCanary().canaryInterval()))
                    : new TrafficShift(100, Duration.ZERO);
            case TIME_BASED_LINEAR -> {
                double weight = Math.min(100, current + routing.timeBasedLinear().linearPercentage());
                yield new TrafficShift(weight, weight >= 100 ? Duration.ZERO
                        : Duration.ofMinutes(routing.timeBasedLinear().linearInterval()));
            }
        };
    }

    boolean complete() {
        return weight >= 100;
    }
}
