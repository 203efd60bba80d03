package io.slipway.codedeploy.config;

import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.codedeploy.DeploymentConfigInfo;
import io.slipway.model.codedeploy.MinimumHealthyHosts;
import io.slipway.model.codedeploy.MinimumHealthyHostsType;
import io.slipway.model.codedeploy.TimeBasedCanary;
import io.slipway.model.codedeploy.TimeBasedLinear;
import io.slipway.model.codedeploy.TrafficRoutingConfig;
import io.slipway.model.codedeploy.TrafficRoutingType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@code CodeDeployDefault.*} deployment configurations every account and region has
 * (AWS-BEHAVIOUR.md A.3). They are not stored: they exist everywhere and cannot be deleted.
 */
public final class PredefinedConfigs {
    public static final String PREFIX = "CodeDeployDefault.";
    public static final String ONE_AT_A_TIME = PREFIX + "OneAtATime";
    public static final String LAMBDA_ALL_AT_ONCE = PREFIX + "LambdaAllAtOnce";
    public static final String ECS_ALL_AT_ONCE = PREFIX + "ECSAllAtOnce";
    /** When CodeDeploy launched; the predefined configs say they were made then. */
    private static final Instant CREATED = Instant.parse("2014-11-12T00:00:00Z");
    private static final Map<String, DeploymentConfigInfo> CONFIGS = build();

    private PredefinedConfigs() {
    }

    public static boolean isPredefined(String name) {
        return CONFIGS.containsKey(name);
    }

    public static Optional<DeploymentConfigInfo> get(String name) {
        return Optional.ofNullable(CONFIGS.get(name));
    }

    /** All names, sorted. */
    public static Iterable<String> names() {
        return CONFIGS.keySet();
    }

    /** The config a deployment group uses when it names none. */
    public static String defaultFor(ComputePlatform platform) {
        return switch (platform) {
            case LAMBDA -> LAMBDA_ALL_AT_ONCE;
            case ECS -> ECS_ALL_AT_ONCE;
            case SERVER -> ONE_AT_A_TIME;
        };
    }

    private static Map<String, DeploymentConfigInfo> build() {
        Map<String, DeploymentConfigInfo> m = new TreeMap<>();
        // MOST_CONCURRENCY is what AWS answers for OneAtATime; users cannot create it.
        server(m, "OneAtATime", MinimumHealthyHostsType.MOST_CONCURRENCY, 1);
        server(m, "HalfAtATime", MinimumHealthyHostsType.FLEET_PERCENT, 50);
        server(m, "AllAtOnce", MinimumHealthyHostsType.FLEET_PERCENT, 0);
        for (int minutes : new int[] {5, 10, 15, 30}) {
            routed(m, "LambdaCanary10Percent" + minutes + "Minutes", ComputePlatform.LAMBDA, canary(minutes));
        }
        for (int minutes : new int[] {1, 2, 3, 10}) {
            String every = minutes == 1 ? "1Minute" : minutes + "Minutes";
            routed(m, "LambdaLinear10PercentEvery" + every, ComputePlatform.LAMBDA, linear(minutes));
        }
        routed(m, "LambdaAllAtOnce", ComputePlatform.LAMBDA, allAtOnce());
        routed(m, "ECSLinear10PercentEvery1Minutes", ComputePlatform.ECS, linear(1));
        routed(m, "ECSLinear10PercentEvery3Minutes", ComputePlatform.ECS, linear(3));
        routed(m, "ECSCanary10Percent5Minutes", ComputePlatform.ECS, canary(5));
        routed(m, "ECSCanary10Percent15Minutes", ComputePlatform.ECS, canary(15));
        routed(m, "ECSAllAtOnce", ComputePlatform.ECS, allAtOnce());
        return Collections.unmodifiableMap(m);
    }

    private static void server(Map<String, DeploymentConfigInfo> m, String name, MinimumHealthyHostsType type, int value) {
        m.put(PREFIX + name, base(name, ComputePlatform.SERVER)
                .minimumHealthyHosts(new MinimumHealthyHosts(type, value)).build());
    }

    private static void routed(Map<String, DeploymentConfigInfo> m, String name, ComputePlatform platform,
                               TrafficRoutingConfig routing) {
        m.put(PREFIX + name, base(name, platform).trafficRoutingConfig(routing).build());
    }

    private static DeploymentConfigInfo.Builder base(String name, ComputePlatform platform) {
        String fullName = PREFIX + name;
        return DeploymentConfigInfo.builder().deploymentConfigName(fullName)
                .deploymentConfigId(UUID.nameUUIDFromBytes(fullName.getBytes(StandardCharsets.UTF_8)).toString())
                .createTime(CREATED).computePlatform(platform);
    }

    private static TrafficRoutingConfig canary(int minutes) {
        return new TrafficRoutingConfig(TrafficRoutingType.TIME_BASED_CANARY, new TimeBasedCanary(10, minutes), null);
    }

    private static TrafficRoutingConfig linear(int minutes) {
        return new TrafficRoutingConfig(TrafficRoutingType.TIME_BASED_LINEAR, null, new TimeBasedLinear(10, minutes));
    }

    private static TrafficRoutingConfig allAtOnce() {
        return new TrafficRoutingConfig(TrafficRoutingType.ALL_AT_ONCE, null, null);
    }
}
