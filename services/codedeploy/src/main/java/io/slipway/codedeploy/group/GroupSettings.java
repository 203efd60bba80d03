package io.slipway.codedeploy.group;

import io.slipway.model.codedeploy.AlarmConfiguration;
import io.slipway.model.codedeploy.AutoRollbackConfiguration;
import io.slipway.model.codedeploy.AutoScalingGroup;
import io.slipway.model.codedeploy.BlueGreenDeploymentConfiguration;
import io.slipway.model.codedeploy.CreateDeploymentGroupInput;
import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.DeploymentStyle;
import io.slipway.model.codedeploy.EC2TagFilter;
import io.slipway.model.codedeploy.EC2TagSet;
import io.slipway.model.codedeploy.ECSService;
import io.slipway.model.codedeploy.LoadBalancerInfo;
import io.slipway.model.codedeploy.OnPremisesTagSet;
import io.slipway.model.codedeploy.OutdatedInstancesStrategy;
import io.slipway.model.codedeploy.TagFilter;
import io.slipway.model.codedeploy.TriggerConfig;
import io.slipway.model.codedeploy.UpdateDeploymentGroupInput;

import java.util.List;

/**
 * The settings CreateDeploymentGroup and UpdateDeploymentGroup share. A create starts from
 * defaults; an update changes only what it names, as in AWS.
 */
record GroupSettings(String deploymentConfigName, List<EC2TagFilter> ec2TagFilters,
                     List<TagFilter> onPremisesInstanceTagFilters, List<String> autoScalingGroups,
                     String serviceRoleArn, List<TriggerConfig> triggerConfigurations,
                     AlarmConfiguration alarmConfiguration, AutoRollbackConfiguration autoRollbackConfiguration,
                     OutdatedInstancesStrategy outdatedInstancesStrategy, DeploymentStyle deploymentStyle,
                     BlueGreenDeploymentConfiguration blueGreenDeploymentConfiguration,
                     LoadBalancerInfo loadBalancerInfo, EC2TagSet ec2TagSet, List<ECSService> ecsServices,
                     OnPremisesTagSet onPremisesTagSet, Boolean terminationHookEnabled) {

    static GroupSettings of(CreateDeploymentGroupInput in) {
        return new GroupSettings(in.deploymentConfigName(), in.ec2TagFilters(), in.onPremisesInstanceTagFilters(),
                in.autoScalingGroups(), in.serviceRoleArn(), in.triggerConfigurations(), in.alarmConfiguration(),
                in.autoRollbackConfiguration(), in.outdatedInstancesStrategy(), in.deploymentStyle(),
                in.blueGreenDeploymentConfiguration(), in.loadBalancerInfo(), in.ec2TagSet(), in.ecsServices(),
                in.onPremisesTagSet(), in.terminationHookEnabled());
    }

    static GroupSettings of(UpdateDeploymentGroupInput in) {
        return new GroupSettings(in.deploymentConfigName(), in.ec2TagFilters(), in.onPremisesInstanceTagFilters(),
                in.autoScalingGroups(), in.serviceRoleArn(), in.triggerConfigurations(), in.alarmConfiguration(),
                in.autoRollbackConfiguration(), in.outdatedInstancesStrategy(), in.deploymentStyle(),
                in.blueGreenDeploymentConfiguration(), in.loadBalancerInfo(), in.ec2TagSet(), in.ecsServices(),
                in.onPremisesTagSet(), in.terminationHookEnabled());
    }

    /** Applies every setting that is present onto a group. */
    DeploymentGroupInfo.Builder applyTo(DeploymentGroupInfo.Builder b) {
        if (deploymentConfigName != null) {
            b.deploymentConfigName(deploymentConfigName);
        }
        if (ec2TagFilters != null) {
            b.ec2TagFilters(ec2TagFilters);
        }
        if (onPremisesInstanceTagFilters != null) {
            b.onPremisesInstanceTagFilters(onPremisesInstanceTagFilters);
        }
        if (autoScalingGroups != null) {
            b.autoScalingGroups(autoScalingGroups.stream().map(n -> new AutoScalingGroup(n, null, null)).toList());
        }
        if (serviceRoleArn != null) {
            b.serviceRoleArn(serviceRoleArn);
        }
        if (triggerConfigurations != null) {
            b.triggerConfigurations(triggerConfigurations);
        }
        if (alarmConfiguration != null) {
            b.alarmConfiguration(new AlarmConfiguration(orFalse(alarmConfiguration.enabled()),
                    orFalse(alarmConfiguration.ignorePollAlarmFailure()),
                    alarmConfiguration.alarms() == null ? List.of() : alarmConfiguration.alarms()));
        }
        if (autoRollbackConfiguration != null) {
            b.autoRollbackConfiguration(autoRollbackConfiguration);
        }
        if (outdatedInstancesStrategy != null) {
            b.outdatedInstancesStrategy(outdatedInstancesStrategy);
        }
        if (deploymentStyle != null) {
            b.deploymentStyle(deploymentStyle);
        }
        if (blueGreenDeploymentConfiguration != null) {
            b.blueGreenDeploymentConfiguration(blueGreenDeploymentConfiguration);
        }
        if (loadBalancerInfo != null) {
            b.loadBalancerInfo(loadBalancerInfo);
        }
        if (ec2TagSet != null) {
            b.ec2TagSet(ec2TagSet);
        }
        if (ecsServices != null) {
            b.ecsServices(ecsServices);
        }
        if (onPremisesTagSet != null) {
            b.onPremisesTagSet(onPremisesTagSet);
        }
        if (terminationHookEnabled != null) {
            b.terminationHookEnabled(terminationHookEnabled);
        }
        return b;
    }

    private static Boolean orFalse(Boolean b) {
        return b != null && b;
    }
}
