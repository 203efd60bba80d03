package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.*;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentGroupsIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/CodeDeployRole";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CodeDeployClient cd = slipway.codeDeploy();

    @BeforeAll
    static void applications() {
        CodeDeployClient cd = slipway.codeDeploy();
        cd.createApplication(r -> r.applicationName("web"));
        cd.createApplication(r -> r.applicationName("fn").computePlatform(ComputePlatform.LAMBDA));
        cd.createApplication(r -> r.applicationName("svc").computePlatform(ComputePlatform.ECS));
    }

    @Test
    void everyFieldIsStoredAndReturned() {
        String id = cd.createDeploymentGroup(r -> r.applicationName("web").deploymentGroupName("full")
                .deploymentConfigName("CodeDeployDefault.HalfAtATime").serviceRoleArn(ROLE)
                .ec2TagSet(s -> s.ec2TagSetList(List.of(
                        List.of(EC2TagFilter.builder().key("Name").value("web").type(EC2TagFilterType.KEY_AND_VALUE).build()),
                        List.of(EC2TagFilter.builder().key("Env").type(EC2TagFilterType.KEY_ONLY).build()))))
                .onPremisesInstanceTagFilters(TagFilter.builder().key("Rack").value("r1").type(TagFilterType.KEY_AND_VALUE).build())
                .autoScalingGroups("asg-1")
                .triggerConfigurations(TriggerConfig.builder().triggerName("notify")
                        .triggerTargetArn("arn:aws:sns:us-east-1:000000000000:deploys")
                        .triggerEvents(TriggerEventType.DEPLOYMENT_FAILURE, TriggerEventType.DEPLOYMENT_SUCCESS).build())
                .alarmConfiguration(a -> a.enabled(true).ignorePollAlarmFailure(true).alarms(Alarm.builder().name("cpu").build()))
                .autoRollbackConfiguration(a -> a.enabled(true).events(AutoRollbackEvent.DEPLOYMENT_FAILURE))
                .outdatedInstancesStrategy(OutdatedInstancesStrategy.IGNORE)
                .deploymentStyle(s -> s.deploymentType(DeploymentType.BLUE_GREEN).deploymentOption(DeploymentOption.WITH_TRAFFIC_CONTROL))
                .blueGreenDeploymentConfiguration(b -> b
                        .terminateBlueInstancesOnDeploymentSuccess(t -> t.action(InstanceAction.TERMINATE).terminationWaitTimeInMinutes(5))
                        .deploymentReadyOption(d -> d.actionOnTimeout(DeploymentReadyAction.CONTINUE_DEPLOYMENT))
                        .greenFleetProvisioningOption(g -> g.action(GreenFleetProvisioningAction.COPY_AUTO_SCALING_GROUP)))
                .loadBalancerInfo(l -> l.targetGroupInfoList(TargetGroupInfo.builder().name("tg-web").build()))
                .terminationHookEnabled(true)).deploymentGroupId();

        DeploymentGroupInfo g = cd.getDeploymentGroup(r -> r.applicationName("web").deploymentGroupName("full"))
                .deploymentGroupInfo();
        assertThat(g.deploymentGroupId()).isEqualTo(id);
        assertThat(g.applicationName()).isEqualTo("web");
        assertThat(g.deploymentConfigName()).isEqualTo("CodeDeployDefault.HalfAtATime");
        assertThat(g.serviceRoleArn()).isEqualTo(ROLE);
        assertThat(g.ec2TagSet().ec2TagSetList()).hasSize(2);
        assertThat(g.ec2TagSet().ec2TagSetList().get(1).getFirst().type()).isEqualTo(EC2TagFilterType.KEY_ONLY);
        assertThat(g.onPremisesInstanceTagFilters().getFirst().value()).isEqualTo("r1");
        assertThat(g.autoScalingGroups()).extracting(AutoScalingGroup::name).containsExactly("asg-1");
        assertThat(g.triggerConfigurations().getFirst().triggerEvents())
                .containsExactly(TriggerEventType.DEPLOYMENT_FAILURE, TriggerEventType.DEPLOYMENT_SUCCESS);
        assertThat(g.alarmConfiguration().enabled()).isTrue();
        assertThat(g.alarmConfiguration().alarms().getFirst().name()).isEqualTo("cpu");
        assertThat(g.autoRollbackConfiguration().events()).containsExactly(AutoRollbackEvent.DEPLOYMENT_FAILURE);
        assertThat(g.outdatedInstancesStrategy()).isEqualTo(OutdatedInstancesStrategy.IGNORE);
        assertThat(g.deploymentStyle().deploymentType()).isEqualTo(DeploymentType.BLUE_GREEN);
        assertThat(g.blueGreenDeploymentConfiguration().terminateBlueInstancesOnDeploymentSuccess()
                .terminationWaitTimeInMinutes()).isEqualTo(5);
        assertThat(g.loadBalancerInfo().targetGroupInfoList().getFirst().name()).isEqualTo("tg-web");
        assertThat(g.terminationHookEnabled()).isTrue();
        assertThat(g.computePlatform()).isEqualTo(ComputePlatform.SERVER);
    }

    @Test
    void defaultsFollowThePlatform() {
        cd.createDeploymentGroup(r -> r.applicationName("web").deploymentGroupName("plain").serviceRoleArn(ROLE));
        DeploymentGroupInfo plain = cd.getDeploymentGroup(r -> r.applicationName("web").deploymentGroupName("plain"))
                .deploymentGroupInfo();
        assertThat(plain.deploymentConfigName()).isEqualTo("CodeDeployDefault.OneAtATime");
        assertThat(plain.deploymentStyle().deploymentType()).isEqualTo(DeploymentType.IN_PLACE);
        assertThat(plain.deploymentStyle().deploymentOption()).isEqualTo(DeploymentOption.WITHOUT_TRAFFIC_CONTROL);
        assertThat(plain.outdatedInstancesStrategy()).isEqualTo(OutdatedInstancesStrategy.UPDATE);
        assertThat(plain.alarmConfiguration().enabled()).isFalse();
        assertThat(plain.ec2TagFilters()).isEmpty();
        assertThat(plain.terminationHookEnabled()).isFalse();

        cd.createDeploymentGroup(r -> r.applicationName("fn").deploymentGroupName("live").serviceRoleArn(ROLE));
        DeploymentGroupInfo fn = cd.getDeploymentGroup(r -> r.applicationName("fn").deploymentGroupName("live"))
                .deploymentGroupInfo();
        assertThat(fn.deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaAllAtOnce");
        assertThat(fn.deploymentStyle().deploymentType()).isEqualTo(DeploymentType.BLUE_GREEN);
        assertThat(fn.computePlatform()).isEqualTo(ComputePlatform.LAMBDA);
    }

    @Test
    void ecsGroupsNeedTheirServiceAndTargetGroups() {
        CreateDeploymentGroupRequest.Builder ecs = CreateDeploymentGroupRequest.builder().applicationName("svc")
                .deploymentGroupName("blue").serviceRoleArn(ROLE).deploymentConfigName("CodeDeployDefault.ECSAllAtOnce")
                .deploymentStyle(s -> s.deploymentType(DeploymentType.BLUE_GREEN).deploymentOption(DeploymentOption.WITH_TRAFFIC_CONTROL))
                .blueGreenDeploymentConfiguration(b -> b.terminateBlueInstancesOnDeploymentSuccess(
                        t -> t.action(InstanceAction.TERMINATE).terminationWaitTimeInMinutes(0)))
                .ecsServices(ECSService.builder().clusterName("c1").serviceName("s1").build())
                .loadBalancerInfo(l -> l.targetGroupPairInfoList(TargetGroupPairInfo.builder()
                        .targetGroups(TargetGroupInfo.builder().name("a").build(), TargetGroupInfo.builder().name("b").build())
                        .prodTrafficRoute(t -> t.listenerArns("arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/x/1/2"))
                        .build()));
        assertThatThrownBy(() -> cd.createDeploymentGroup(ecs.copy().ecsServices(List.of()).build()))
                .isInstanceOf(InvalidEcsServiceException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(ecs.copy().loadBalancerInfo(l -> l.targetGroupPairInfoList(List.of())).build()))
                .isInstanceOf(InvalidTargetGroupPairException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(ecs.copy().deploymentStyle(s -> s.deploymentType(DeploymentType.IN_PLACE)
                .deploymentOption(DeploymentOption.WITHOUT_TRAFFIC_CONTROL)).build()))
                .isInstanceOf(InvalidDeploymentStyleException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(ecs.copy().deploymentConfigName("CodeDeployDefault.OneAtATime").build()))
                .isInstanceOf(InvalidDeploymentConfigNameException.class);
        cd.createDeploymentGroup(ecs.build());
        assertThatThrownBy(() -> cd.createDeploymentGroup(ecs.copy().deploymentGroupName("green").build()))
                .isInstanceOf(EcsServiceMappingLimitExceededException.class);
        assertThat(cd.getDeploymentGroup(r -> r.applicationName("svc").deploymentGroupName("blue"))
                .deploymentGroupInfo().ecsServices().getFirst().serviceName()).isEqualTo("s1");
    }

    @Test
    void invalidSettingsGetTheirModelledExceptions() {
        CreateDeploymentGroupRequest.Builder base = CreateDeploymentGroupRequest.builder().applicationName("web")
                .deploymentGroupName("bad").serviceRoleArn(ROLE);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().applicationName("ghost").build()))
                .isInstanceOf(ApplicationDoesNotExistException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().serviceRoleArn(null).build()))
                .isInstanceOf(RoleRequiredException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().serviceRoleArn("not-a-role").build()))
                .isInstanceOf(InvalidRoleException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().deploymentGroupName(null).build()))
                .isInstanceOf(DeploymentGroupNameRequiredException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().deploymentGroupName("x".repeat(101)).build()))
                .isInstanceOf(InvalidDeploymentGroupNameException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().deploymentConfigName("ghost").build()))
                .isInstanceOf(DeploymentConfigDoesNotExistException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy()
                .ec2TagFilters(EC2TagFilter.builder().key("a").value("b").type(EC2TagFilterType.KEY_AND_VALUE).build())
                .ec2TagSet(s -> s.ec2TagSetList(List.of(List.of(EC2TagFilter.builder().key("a").build())))).build()))
                .isInstanceOf(InvalidEc2TagCombinationException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy()
                .ec2TagFilters(EC2TagFilter.builder().value("b").type(EC2TagFilterType.KEY_AND_VALUE).build()).build()))
                .isInstanceOf(InvalidEc2TagException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy()
                .ec2TagFilters(EC2TagFilter.builder().key("a").type("SOMETIMES").build()).build()))
                .isInstanceOf(InvalidEc2TagException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy()
                .onPremisesTagSet(s -> s.onPremisesTagSetList(List.of(List.of(), List.of(), List.of(), List.of()))).build()))
                .isInstanceOf(TagSetListLimitExceededException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().triggerConfigurations(TriggerConfig.builder()
                .triggerName("t").triggerTargetArn("nope").triggerEvents(TriggerEventType.DEPLOYMENT_START).build()).build()))
                .isInstanceOf(InvalidTriggerConfigException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().alarmConfiguration(a -> a.enabled(true)).build()))
                .isInstanceOf(InvalidAlarmConfigException.class);
        List<Alarm> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> Alarm.builder().name("a" + i).build()).toList();
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().alarmConfiguration(a -> a.enabled(true).alarms(eleven)).build()))
                .isInstanceOf(AlarmsLimitExceededException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().autoRollbackConfiguration(a -> a.enabled(true)).build()))
                .isInstanceOf(InvalidAutoRollbackConfigException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().deploymentStyle(s -> s.deploymentType(DeploymentType.IN_PLACE)
                .deploymentOption(DeploymentOption.WITH_TRAFFIC_CONTROL)).build()))
                .isInstanceOf(InvalidLoadBalancerInfoException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().blueGreenDeploymentConfiguration(b -> b
                .terminateBlueInstancesOnDeploymentSuccess(t -> t.terminationWaitTimeInMinutes(1))).build()))
                .isInstanceOf(InvalidBlueGreenDeploymentConfigurationException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().deploymentStyle(s -> s.deploymentType("SIDEWAYS")).build()))
                .isInstanceOf(InvalidDeploymentStyleException.class);
        assertThatThrownBy(() -> cd.createDeploymentGroup(base.copy().ecsServices(ECSService.builder().clusterName("c").serviceName("s").build()).build()))
                .isInstanceOf(InvalidEcsServiceException.class);
        assertThatThrownBy(() -> cd.getDeploymentGroup(r -> r.applicationName("web").deploymentGroupName("bad")))
                .isInstanceOf(DeploymentGroupDoesNotExistException.class);
    }

    @Test
    void updateRenameListBatchAndDelete() {
        cd.createApplication(r -> r.applicationName("lifecycle"));
        for (String name : List.of("b", "a", "c")) {
            cd.createDeploymentGroup(r -> r.applicationName("lifecycle").deploymentGroupName(name).serviceRoleArn(ROLE));
        }
        assertThatThrownBy(() -> cd.createDeploymentGroup(r -> r.applicationName("lifecycle").deploymentGroupName("a").serviceRoleArn(ROLE)))
                .isInstanceOf(DeploymentGroupAlreadyExistsException.class);
        ListDeploymentGroupsResponse list = cd.listDeploymentGroups(r -> r.applicationName("lifecycle"));
        assertThat(list.applicationName()).isEqualTo("lifecycle");
        assertThat(list.deploymentGroups()).containsExactly("a", "b", "c");

        UpdateDeploymentGroupResponse updated = cd.updateDeploymentGroup(r -> r.applicationName("lifecycle")
                .currentDeploymentGroupName("a").newDeploymentGroupName("z").deploymentConfigName("CodeDeployDefault.AllAtOnce"));
        assertThat(updated.hooksNotCleanedUp()).isEmpty();
        DeploymentGroupInfo z = cd.getDeploymentGroup(r -> r.applicationName("lifecycle").deploymentGroupName("z")).deploymentGroupInfo();
        assertThat(z.deploymentConfigName()).isEqualTo("CodeDeployDefault.AllAtOnce");
        assertThat(z.serviceRoleArn()).isEqualTo(ROLE);
        assertThatThrownBy(() -> cd.updateDeploymentGroup(r -> r.applicationName("lifecycle").currentDeploymentGroupName("z")
                .newDeploymentGroupName("b"))).isInstanceOf(DeploymentGroupAlreadyExistsException.class);
        assertThatThrownBy(() -> cd.updateDeploymentGroup(r -> r.applicationName("lifecycle").currentDeploymentGroupName("ghost")))
                .isInstanceOf(DeploymentGroupDoesNotExistException.class);

        BatchGetDeploymentGroupsResponse batch = cd.batchGetDeploymentGroups(r -> r.applicationName("lifecycle")
                .deploymentGroupNames("b", "ghost", "z"));
        assertThat(batch.deploymentGroupsInfo()).extracting(DeploymentGroupInfo::deploymentGroupName).containsExactly("b", "z");
        assertThat(batch.errorMessage()).contains("ghost");

        // groups follow their application when it is renamed
        cd.updateApplication(r -> r.applicationName("lifecycle").newApplicationName("lifecycle2"));
        assertThat(cd.getDeploymentGroup(r -> r.applicationName("lifecycle2").deploymentGroupName("b"))
                .deploymentGroupInfo().applicationName()).isEqualTo("lifecycle2");

        DeleteDeploymentGroupResponse deleted = cd.deleteDeploymentGroup(r -> r.applicationName("lifecycle2").deploymentGroupName("b"));
        assertThat(deleted.hooksNotCleanedUp()).isEmpty();
        assertThat(cd.listDeploymentGroups(r -> r.applicationName("lifecycle2")).deploymentGroups()).containsExactly("c", "z");
        cd.deleteApplication(r -> r.applicationName("lifecycle2"));
        cd.createApplication(r -> r.applicationName("lifecycle2"));
        assertThat(cd.listDeploymentGroups(r -> r.applicationName("lifecycle2")).deploymentGroups()).isEmpty();
        assertThatThrownBy(() -> cd.listDeploymentGroups(r -> r.applicationName("ghost")))
                .isInstanceOf(ApplicationDoesNotExistException.class);
    }
}
