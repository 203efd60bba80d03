package io.slipway.codedeploy.server;

import io.slipway.model.codedeploy.MinimumHealthyHosts;

/**
 * A deployment config's minimum of healthy hosts turned into numbers for one fleet (AWS-BEHAVIOUR.md
 * A.3): a percentage becomes a host count rounded up; OneAtATime keeps all but one host healthy.
 * A host being deployed to, or whose deployment failed, is not healthy; the rest are.
 */
record HealthyHosts(int total, int minimum) {

    static HealthyHosts of(MinimumHealthyHosts config, int total) {
        int value = config == null || config.value() == null ? 0 : config.value();
        int minimum = switch (config == null ? null : config.type()) {
            case HOST_COUNT -> value;
            case FLEET_PERCENT -> (int) Math.ceil(total * value / 100.0);
            case null, default -> Math.max(total - 1, 0); // MOST_CONCURRENCY: OneAtATime
        };
        return new HealthyHosts(total, minimum);
    }

    /** AWS refuses to start when the minimum leaves no host to deploy to (HEALTH_CONSTRAINTS_INVALID). */
    boolean possible() {
        return minimum < total;
    }

    /** How many hosts may be in progress at once, given how many have failed so far. */
    int concurrency(int failed) {
        return total - minimum - failed;
    }

    /** The deployment succeeds when at least the minimum, and at least one host, succeeded. */
    boolean enough(int succeeded) {
        return succeeded >= Math.max(minimum, 1);
    }
}
