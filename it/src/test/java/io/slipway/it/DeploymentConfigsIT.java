package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigAlreadyExistsException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigInUseException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigNameRequiredException;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeploymentConfigNameException;
import software.amazon.awssdk.services.codedeploy.model.InvalidMinimumHealthyHostValueException;
import software.amazon.awssdk.services.codedeploy.model.InvalidOperationException;
import software.amazon.awssdk.services.codedeploy.model.InvalidTrafficRoutingConfigurationException;
import software.amazon.awssdk.services.codedeploy.model.InvalidZonalDeploymentConfigurationException;
import software.amazon.awssdk.services.codedeploy.model.MinimumHealthyHostsType;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoutingType;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentConfigsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CodeDeployClient cd = slipway.codeDeploy();

    @Test
    void predefinedConfigsExistInEveryAccountAndRegion() {
        for (CodeDeployClient client : List.of(cd, slipway.codeDeploy("111122223333", "ap-south-1"))) {
            List<String> names = new ArrayList<>();
            client.listDeploymentConfigsPaginator(r -> { }).deploymentConfigsList().forEach(names::add);
            assertThat(names).filteredOn(n -> n.startsWith("CodeDeployDefault.")).containsExactly(
                    "CodeDeployDefault.AllAtOnce", "CodeDeployDefault.ECSAllAtOnce",
                    "CodeDeployDefault.ECSCanary10Percent15Minutes", "CodeDeployDefault.ECSCanary10Percent5Minutes",
                    "CodeDeployDefault.ECSLinear10PercentEvery1Minutes", "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
                    "CodeDeployDefault.HalfAtATime", "CodeDeployDefault.LambdaAllAtOnce",
                    "CodeDeployDefault.LambdaCanary10Percent10Minutes", "CodeDeployDefault.LambdaCanary10Percent15Minutes",
                    "CodeDeployDefault.LambdaCanary10Percent30Minutes", "CodeDeployDefault.LambdaCanary10Percent5Minutes",
                    "CodeDeployDefault.LambdaLinear10PercentEvery10Minutes", "CodeDeployDefault.LambdaLinear10PercentEvery1Minute",
                    "CodeDeployDefault.LambdaLinear10PercentEvery2Minutes", "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes",
                    "CodeDeployDefault.OneAtATime");
            assertThat(names).isSorted();
        }
        DeploymentConfigInfo half = cd.getDeploymentConfig(r -> r.deploymentConfigName("CodeDeployDefault.HalfAtATime"))
                .deploymentConfigInfo();
        assertThat(half.minimumHealthyHosts().type()).isEqualTo(MinimumHealthyHostsType.FLEET_PERCENT);
        assertThat(half.minimumHealthyHosts().value()).isEqualTo(50);
        assertThat(half.computePlatform()).isEqualTo(ComputePlatform.SERVER);
        DeploymentConfigInfo one = cd.getDeploymentConfig(r -> r.deploymentConfigName("CodeDeployDefault.OneAtATime"))
                .deploymentConfigInfo();
        assertThat(one.minimumHealthyHosts().typeAsString()).isEqualTo("MOST_CONCURRENCY");
        DeploymentConfigInfo canary = cd.getDeploymentConfig(
                r -> r.deploymentConfigName("CodeDeployDefault.LambdaCanary10Percent15Minutes")).deploymentConfigInfo();
        assertThat(canary.computePlatform()).isEqualTo(ComputePlatform.LAMBDA);
        assertThat(canary.trafficRoutingConfig().type()).isEqualTo(TrafficRoutingType.TIME_BASED_CANARY);
        assertThat(canary.trafficRoutingConfig().timeBasedCanary().canaryPercentage()).isEqualTo(10);
        assertThat(canary.trafficRoutingConfig().timeBasedCanary().canaryInterval()).isEqualTo(15);
        assertThat(canary.minimumHealthyHosts()).isNull();
    }

    @Test
    void predefinedConfigsCannotBeDeletedOrReplaced() {
        assertThatThrownBy(() -> cd.deleteDeploymentConfig(r -> r.deploymentConfigName("CodeDeployDefault.AllAtOnce")))
                .isInstanceOf(InvalidOperationException.class);
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("CodeDeployDefault.AllAtOnce")
                .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(1))))
                .isInstanceOf(DeploymentConfigAlreadyExistsException.class);
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("CodeDeployDefault.Mine")
                .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(1))))
                .isInstanceOf(InvalidDeploymentConfigNameException.class);
    }

    @Test
    void customServerLambdaAndEcsConfigs() {
        String id = cd.createDeploymentConfig(r -> r.deploymentConfigName("two-at-a-time")
                .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(2))
                .zonalConfig(z -> z.firstZoneMonitorDurationInSeconds(60L).monitorDurationInSeconds(30L)
                        .minimumHealthyHostsPerZone(p -> p.type("FLEET_PERCENT").value(50)))).deploymentConfigId();
        DeploymentConfigInfo server = cd.getDeploymentConfig(r -> r.deploymentConfigName("two-at-a-time")).deploymentConfigInfo();
        assertThat(server.deploymentConfigId()).isEqualTo(id);
        assertThat(server.computePlatform()).isEqualTo(ComputePlatform.SERVER);
        assertThat(server.minimumHealthyHosts().value()).isEqualTo(2);
        assertThat(server.zonalConfig().firstZoneMonitorDurationInSeconds()).isEqualTo(60L);
        assertThat(server.zonalConfig().minimumHealthyHostsPerZone().value()).isEqualTo(50);

        cd.createDeploymentConfig(r -> r.deploymentConfigName("lambda-linear").computePlatform(ComputePlatform.LAMBDA)
                .trafficRoutingConfig(t -> t.type(TrafficRoutingType.TIME_BASED_LINEAR)
                        .timeBasedLinear(l -> l.linearPercentage(25).linearInterval(2))));
        assertThat(cd.getDeploymentConfig(r -> r.deploymentConfigName("lambda-linear")).deploymentConfigInfo()
                .trafficRoutingConfig().timeBasedLinear().linearPercentage()).isEqualTo(25);
        cd.createDeploymentConfig(r -> r.deploymentConfigName("ecs-all").computePlatform(ComputePlatform.ECS)
                .trafficRoutingConfig(t -> t.type(TrafficRoutingType.ALL_AT_ONCE)));

        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("two-at-a-time")
                .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(2))))
                .isInstanceOf(DeploymentConfigAlreadyExistsException.class);
        cd.deleteDeploymentConfig(r -> r.deploymentConfigName("ecs-all"));
        assertThatThrownBy(() -> cd.getDeploymentConfig(r -> r.deploymentConfigName("ecs-all")))
                .isInstanceOf(DeploymentConfigDoesNotExistException.class);
    }

    @Test
    void invalidConfigsAreRejectedWithTheirModelledExceptions() {
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("no-hosts")))
                .isInstanceOf(InvalidMinimumHealthyHostValueException.class);
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("pct")
                .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.FLEET_PERCENT).value(100))))
                .isInstanceOf(InvalidMinimumHealthyHostValueException.class);
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("neg")
                .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(-1))))
                .isInstanceOf(InvalidMinimumHealthyHostValueException.class);
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("most")
                .minimumHealthyHosts(m -> m.type("MOST_CONCURRENCY").value(1))))
                .isInstanceOf(InvalidMinimumHealthyHostValueException.class)
                .hasMessageContaining("enum value set: [HOST_COUNT, FLEET_PERCENT]");
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("l1").computePlatform(ComputePlatform.LAMBDA)))
                .isInstanceOf(InvalidTrafficRoutingConfigurationException.class);
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("l2").computePlatform(ComputePlatform.LAMBDA)
                .trafficRoutingConfig(t -> t.type(TrafficRoutingType.TIME_BASED_CANARY))))
                .isInstanceOf(InvalidTrafficRoutingConfigurationException.class);
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("l3").computePlatform(ComputePlatform.LAMBDA)
                .trafficRoutingConfig(t -> t.type(TrafficRoutingType.TIME_BASED_CANARY)
                        .timeBasedCanary(c -> c.canaryPercentage(0).canaryInterval(5)))))
                .isInstanceOf(InvalidTrafficRoutingConfigurationException.class);
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("l4").computePlatform(ComputePlatform.LAMBDA)
                .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(1))
                .trafficRoutingConfig(t -> t.type(TrafficRoutingType.ALL_AT_ONCE))))
                .isInstanceOf(InvalidMinimumHealthyHostValueException.class);
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("l5").computePlatform(ComputePlatform.ECS)
                .trafficRoutingConfig(t -> t.type(TrafficRoutingType.ALL_AT_ONCE))
                .zonalConfig(z -> z.monitorDurationInSeconds(10L))))
                .isInstanceOf(InvalidZonalDeploymentConfigurationException.class);
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.deploymentConfigName("z")
                .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(1))
                .zonalConfig(z -> z.monitorDurationInSeconds(-5L))))
                .isInstanceOf(InvalidZonalDeploymentConfigurationException.class);
        assertThatThrownBy(() -> cd.createDeploymentConfig(r -> r.minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(1))))
                .isInstanceOf(DeploymentConfigNameRequiredException.class);
        assertThatThrownBy(() -> cd.getDeploymentConfig(r -> r.deploymentConfigName("x".repeat(101))))
                .isInstanceOf(InvalidDeploymentConfigNameException.class);
        assertThatThrownBy(() -> cd.getDeploymentConfig(r -> r.deploymentConfigName("ghost")))
                .isInstanceOf(DeploymentConfigDoesNotExistException.class);
    }

    @Test
    void configsInUseStayAndTheLimitHolds() {
        CodeDeployClient own = slipway.codeDeploy("222233334444", "us-west-2");
        own.createDeploymentConfig(r -> r.deploymentConfigName("used")
                .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(0)));
        own.createApplication(r -> r.applicationName("app"));
        own.createDeploymentGroup(r -> r.applicationName("app").deploymentGroupName("g").deploymentConfigName("used")
                .serviceRoleArn("arn:aws:iam::222233334444:role/cd"));
        assertThatThrownBy(() -> own.deleteDeploymentConfig(r -> r.deploymentConfigName("used")))
                .isInstanceOf(DeploymentConfigInUseException.class);
        for (int i = 1; i < 50; i++) {
            String name = "cfg-" + i;
            own.createDeploymentConfig(r -> r.deploymentConfigName(name)
                    .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(1)));
        }
        assertThatThrownBy(() -> own.createDeploymentConfig(r -> r.deploymentConfigName("one-too-many")
                .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(1))))
                .isInstanceOf(DeploymentConfigLimitExceededException.class);
        List<String> names = new ArrayList<>();
        own.listDeploymentConfigsPaginator(r -> { }).deploymentConfigsList().forEach(names::add);
        assertThat(names).hasSize(67).doesNotHaveDuplicates().isSorted();
    }
}
