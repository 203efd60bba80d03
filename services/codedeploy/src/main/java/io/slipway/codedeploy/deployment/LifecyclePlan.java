package io.slipway.codedeploy.deployment;

import io.slipway.model.codedeploy.ComputePlatform;

import java.util.List;

/**
 * The lifecycle events a Lambda or ECS deployment walks, in order (AWS-BEHAVIOUR.md A.1). The
 * events Slipway carries out itself (Install, AllowTestTraffic, AllowTraffic) take no hook; the
 * others run their AppSpec hook, if any, once per deployment.
 */
final class LifecyclePlan {
    static final String INSTALL = "Install";
    static final String ALLOW_TEST_TRAFFIC = "AllowTestTraffic";
    static final String ALLOW_TRAFFIC = "AllowTraffic";
    static final String BEFORE_ALLOW_TRAFFIC = "BeforeAllowTraffic";

    private static final List<String> LAMBDA = List.of("BeforeAllowTraffic", ALLOW_TRAFFIC, "AfterAllowTraffic");
    private static final List<String> ECS = List.of("BeforeInstall", INSTALL, "AfterInstall", ALLOW_TEST_TRAFFIC,
            "AfterAllowTestTraffic", "BeforeAllowTraffic", ALLOW_TRAFFIC, "AfterAllowTraffic");

    private LifecyclePlan() {
    }

    static List<String> events(ComputePlatform platform) {
        return platform == ComputePlatform.ECS ? ECS : LAMBDA;
    }

    static boolean isServiceAction(String event) {
        return event.equals(INSTALL) || event.equals(ALLOW_TEST_TRAFFIC) || event.equals(ALLOW_TRAFFIC);
    }
}
