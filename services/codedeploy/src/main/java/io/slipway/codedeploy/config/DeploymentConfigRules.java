package io.slipway.codedeploy.config;

import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.codedeploy.MinimumHealthyHosts;
import io.slipway.model.codedeploy.MinimumHealthyHostsPerZone;
import io.slipway.model.codedeploy.MinimumHealthyHostsType;
import io.slipway.model.codedeploy.TrafficRoutingConfig;
import io.slipway.model.codedeploy.ZonalConfig;

import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_MINIMUM_HEALTHY_HOST_VALUE;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_TRAFFIC_ROUTING_CONFIGURATION;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_ZONAL_DEPLOYMENT_CONFIGURATION;

/**
 * What makes a custom deployment configuration valid (AWS-BEHAVIOUR.md A.3): Server configs need
 * minimum healthy hosts and may be zonal; Lambda and ECS configs route traffic instead.
 */
final class DeploymentConfigRules {
    private DeploymentConfigRules() {
    }

    static void check(ComputePlatform platform, MinimumHealthyHosts hosts, TrafficRoutingConfig routing, ZonalConfig zonal) {
        if (platform == ComputePlatform.SERVER) {
            minimumHealthyHosts(hosts);
            if (routing != null && routing.type() != null
                    && routing.type() != io.slipway.model.codedeploy.TrafficRoutingType.ALL_AT_ONCE) {
                throw INVALID_TRAFFIC_ROUTING_CONFIGURATION.exception(
                        "Time-based traffic routing is not supported for the Server compute platform");
            }
            if (zonal != null) {
                zonal(zonal);
            }
        } else {
            if (hosts != null) {
                throw INVALID_MINIMUM_HEALTHY_HOST_VALUE.exception(
                        "Minimum healthy hosts is not supported for the " + platform + " compute platform");
            }
            if (zonal != null) {
                throw INVALID_ZONAL_DEPLOYMENT_CONFIGURATION.exception(
                        "Zonal configuration is supported only for the Server compute platform");
            }
            trafficRouting(routing);
        }
    }

    private static void minimumHealthyHosts(MinimumHealthyHosts hosts) {
        if (hosts == null || hosts.type() == null || hosts.value() == null) {
            throw INVALID_MINIMUM_HEALTHY_HOST_VALUE.exception(
                    "Minimum healthy hosts with a type and a value is required for the Server compute platform");
        }
        if (hosts.type() == MinimumHealthyHostsType.MOST_CONCURRENCY) {
            throw INVALID_MINIMUM_HEALTHY_HOST_VALUE.exception("Invalid minimum healthy hosts type: MOST_CONCURRENCY");
        }
        percentOrCount(hosts.type() == MinimumHealthyHostsType.FLEET_PERCENT, hosts.value(), 99,
                INVALID_MINIMUM_HEALTHY_HOST_VALUE);
    }

    private static void zonal(ZonalConfig zonal) {
        if (negative(zonal.firstZoneMonitorDurationInSeconds()) || negative(zonal.monitorDurationInSeconds())) {
            throw INVALID_ZONAL_DEPLOYMENT_CONFIGURATION.exception("Monitor durations must not be negative");
        }
        MinimumHealthyHostsPerZone perZone = zonal.minimumHealthyHostsPerZone();
        if (perZone != null) {
            if (perZone.type() == null || perZone.value() == null) {
                throw INVALID_ZONAL_DEPLOYMENT_CONFIGURATION.exception(
                        "minimumHealthyHostsPerZone needs a type and a value");
            }
            percentOrCount(perZone.type().value().equals("FLEET_PERCENT"), perZone.value(), 99,
                    INVALID_ZONAL_DEPLOYMENT_CONFIGURATION);
        }
    }

    private static void trafficRouting(TrafficRoutingConfig routing) {
        if (routing == null || routing.type() == null) {
            throw INVALID_TRAFFIC_ROUTING_CONFIGURATION.exception(
                    "A traffic routing configuration with a type is required for Lambda and ECS");
        }
        switch (routing.type()) {
            case TIME_BASED_CANARY -> {
                var canary = routing.timeBasedCanary();
                if (canary == null || routing.timeBasedLinear() != null || canary.canaryPercentage() == null
                        || canary.canaryInterval() == null) {
                    throw INVALID_TRAFFIC_ROUTING_CONFIGURATION.exception(
                            "TimeBasedCanary needs timeBasedCanary with canaryPercentage and canaryInterval");
                }
                between(canary.canaryPercentage(), 1, 99, "canaryPercentage");
                between(canary.canaryInterval(), 1, Integer.MAX_VALUE, "canaryInterval");
            }
            case TIME_BASED_LINEAR -> {
                var linear = routing.timeBasedLinear();
                if (linear == null || routing.timeBasedCanary() != null || linear.linearPercentage() == null
                        || linear.linearInterval() == null) {
                    throw INVALID_TRAFFIC_ROUTING_CONFIGURATION.exception(
                            "TimeBasedLinear needs timeBasedLinear with linearPercentage and linearInterval");
                }
                between(linear.linearPercentage(), 1, 99, "linearPercentage");
                between(linear.linearInterval(), 1, Integer.MAX_VALUE, "linearInterval");
            }
            case ALL_AT_ONCE -> {
                if (routing.timeBasedCanary() != null || routing.timeBasedLinear() != null) {
                    throw INVALID_TRAFFIC_ROUTING_CONFIGURATION.exception(
                            "AllAtOnce takes neither timeBasedCanary nor timeBasedLinear");
                }
            }
        }
    }

    private static void between(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw INVALID_TRAFFIC_ROUTING_CONFIGURATION.exception(what + " must be between " + min + " and " + max);
        }
    }

    private static void percentOrCount(boolean percent, int value, int maxPercent,
                                       io.slipway.model.runtime.AwsError error) {
        if (value < 0 || (percent && value > maxPercent)) {
            throw error.exception(percent ? "A FLEET_PERCENT value must be between 0 and " + maxPercent
                    : "A HOST_COUNT value must not be negative");
        }
    }

    private static boolean negative(Long v) {
        return v != null && v < 0;
    }
}
