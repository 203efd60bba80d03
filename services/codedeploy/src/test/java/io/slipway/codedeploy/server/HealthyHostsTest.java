package io.slipway.codedeploy.server;

import io.slipway.model.codedeploy.MinimumHealthyHosts;
import io.slipway.model.codedeploy.MinimumHealthyHostsType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples AWS gives for nine instances (AWS-BEHAVIOUR.md A.3). */
class HealthyHostsTest {

    private static HealthyHosts nine(MinimumHealthyHostsType type, int value) {
        return HealthyHosts.of(new MinimumHealthyHosts(type, value), 9);
    }

    @Test
    void halfAtATimeDeploysFourAtOnceAndNeedsFive() {
        HealthyHosts half = nine(MinimumHealthyHostsType.FLEET_PERCENT, 50);
        assertThat(half.concurrency(0)).isEqualTo(4);
        assertThat(half.enough(5)).isTrue();
        assertThat(half.enough(4)).isFalse();
        assertThat(half.concurrency(3)).isEqualTo(1);
        assertThat(half.concurrency(4)).isZero();
    }

    @Test
    void hostCountSixDeploysThreeAtOnce() {
        HealthyHosts six = nine(MinimumHealthyHostsType.HOST_COUNT, 6);
        assertThat(six.concurrency(0)).isEqualTo(3);
        assertThat(six.enough(6)).isTrue();
        assertThat(six.enough(5)).isFalse();
    }

    @Test
    void fortyPercentRoundsUpToFourAndDeploysFive() {
        HealthyHosts forty = nine(MinimumHealthyHostsType.FLEET_PERCENT, 40);
        assertThat(forty.minimum()).isEqualTo(4);
        assertThat(forty.concurrency(0)).isEqualTo(5);
    }

    @Test
    void oneAtATimeSurvivesOnlyTheLastHostFailing() {
        HealthyHosts one = nine(MinimumHealthyHostsType.MOST_CONCURRENCY, 1);
        assertThat(one.concurrency(0)).isEqualTo(1);
        assertThat(one.concurrency(1)).isZero();
        assertThat(one.enough(8)).isTrue();
        assertThat(HealthyHosts.of(new MinimumHealthyHosts(MinimumHealthyHostsType.MOST_CONCURRENCY, 1), 1).possible()).isTrue();
    }

    @Test
    void allAtOnceNeedsOneSuccess() {
        HealthyHosts all = nine(MinimumHealthyHostsType.FLEET_PERCENT, 0);
        assertThat(all.concurrency(0)).isEqualTo(9);
        assertThat(all.enough(0)).isFalse();
        assertThat(all.enough(1)).isTrue();
    }

    @Test
    void aMinimumAsLargeAsTheFleetIsImpossible() {
        assertThat(nine(MinimumHealthyHostsType.HOST_COUNT, 9).possible()).isFalse();
        assertThat(nine(MinimumHealthyHostsType.FLEET_PERCENT, 95).possible()).isFalse();
    }
}
