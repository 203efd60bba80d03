package io.slipway.codedeploy.group;

import io.slipway.model.codedeploy.AlarmConfiguration;
import io.slipway.model.codedeploy.AutoRollbackConfiguration;
import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.DeploymentOption;
import io.slipway.model.codedeploy.DeploymentStyle;
import io.slipway.model.codedeploy.DeploymentType;
import io.slipway.model.codedeploy.EC2TagFilter;
import io.slipway.model.codedeploy.ECSService;
import io.slipway.model.codedeploy.LoadBalancerInfo;
import io.slipway.model.codedeploy.TagFilter;
import io.slipway.model.codedeploy.TargetGroupPairInfo;
import io.slipway.model.codedeploy.TriggerConfig;
import io.slipway.model.runtime.AwsError;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.slipway.model.codedeploy.CodeDeployErrors.ALARMS_LIMIT_EXCEEDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_ALARM_CONFIG;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_AUTO_ROLLBACK_CONFIG;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_BLUE_GREEN_DEPLOYMENT_CONFIGURATION;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_DEPLOYMENT_STYLE;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_EC2_TAG;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_EC2_TAG_COMBINATION;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_ECS_SERVICE;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_LOAD_BALANCER_INFO;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_ON_PREMISES_TAG_COMBINATION;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_ROLE;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_TAG;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_TARGET_GROUP_PAIR;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_TRIGGER_CONFIG;
import static io.slipway.model.codedeploy.CodeDeployErrors.TAG_SET_LIST_LIMIT_EXCEEDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.TRIGGER_TARGETS_LIMIT_EXCEEDED;

/**
 * What makes a deployment group's settings consistent, checked on the merged result of a create
 * or an update. Each rule answers with the exception CodeDeploy models for it; the limits are
 * CodeDeploy's (10 alarms, 10 triggers, 3 tag groups in a tag set).
 */
final class DeploymentGroupRules {
    static final int MAX_ALARMS = 10;
    static final int MAX_TRIGGERS = 10;
    static final int MAX_TAG_SET_GROUPS = 3;
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
    private static final Pattern SNS_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:.+");

    private DeploymentGroupRules() {
    }

    static void check(DeploymentGroupInfo g) {
        if (!ROLE_ARN.matcher(g.serviceRoleArn()).matches()) {
            throw INVALID_ROLE.exception("The service role ARN " + g.serviceRoleArn() + " is not a valid IAM role ARN");
        }
        tags(g);
        triggers(g.triggerConfigurations());
        alarms(g.alarmConfiguration());
        autoRollback(g.autoRollbackConfiguration());
        style(g.computePlatform(), g.deploymentStyle(), g.loadBalancerInfo());
        blueGreen(g);
        ecs(g);
    }

    private static void tags(DeploymentGroupInfo g) {
        boolean ec2Set = g.ec2TagSet() != null && !isEmpty(g.ec2TagSet().ec2TagSetList());
        boolean onPremSet = g.onPremisesTagSet() != null && !isEmpty(g.onPremisesTagSet().onPremisesTagSetList());
        if (ec2Set && !isEmpty(g.ec2TagFilters())) {
            throw INVALID_EC2_TAG_COMBINATION.exception("ec2TagFilters and ec2TagSet cannot both be specified");
        }
        if (onPremSet && !isEmpty(g.onPremisesInstanceTagFilters())) {
            throw INVALID_ON_PREMISES_TAG_COMBINATION.exception(
                    "onPremisesInstanceTagFilters and onPremisesTagSet cannot both be specified");
        }
        if ((ec2Set && g.ec2TagSet().ec2TagSetList().size() > MAX_TAG_SET_GROUPS)
                || (onPremSet && g.onPremisesTagSet().onPremisesTagSetList().size() > MAX_TAG_SET_GROUPS)) {
            throw TAG_SET_LIST_LIMIT_EXCEEDED.exception("A tag set can have at most " + MAX_TAG_SET_GROUPS + " tag groups");
        }
        ec2Filters(g.ec2TagFilters());
        if (ec2Set) {
            g.ec2TagSet().ec2TagSetList().forEach(DeploymentGroupRules::ec2Filters);
        }
        onPremFilters(g.onPremisesInstanceTagFilters());
        if (onPremSet) {
            g.onPremisesTagSet().onPremisesTagSetList().forEach(DeploymentGroupRules::onPremFilters);
        }
    }

    private static void ec2Filters(List<EC2TagFilter> filters) {
        for (EC2TagFilter f : nonNull(filters)) {
            filter(f.type() == null ? null : f.type().value(), f.key(), f.value(), INVALID_EC2_TAG);
        }
    }

    private static void onPremFilters(List<TagFilter> filters) {
        for (TagFilter f : nonNull(filters)) {
            filter(f.type() == null ? null : f.type().value(), f.key(), f.value(), INVALID_TAG);
        }
    }

    /** A filter's type says which of key and value it needs; with no type, it needs a key. */
    private static void filter(String type, String key, String value, AwsError error) {
        boolean needsKey = type == null || !type.equals("VALUE_ONLY");
        boolean needsValue = type != null && !type.equals("KEY_ONLY");
        if ((needsKey && isBlank(key)) || (needsValue && isBlank(value))) {
            throw error.exception("The tag filter " + (type == null ? "" : type + " ") + "must specify "
                    + (needsKey && needsValue ? "a key and a value" : needsKey ? "a key" : "a value"));
        }
    }

    private static void triggers(List<TriggerConfig> triggers) {
        if (nonNull(triggers).size() > MAX_TRIGGERS) {
            throw TRIGGER_TARGETS_LIMIT_EXCEEDED.exception("A deployment group can have at most " + MAX_TRIGGERS + " triggers");
        }
        Set<String> names = new HashSet<>();
        for (TriggerConfig t : nonNull(triggers)) {
            if (isBlank(t.triggerName()) || t.triggerTargetArn() == null || !SNS_ARN.matcher(t.triggerTargetArn()).matches()) {
                throw INVALID_TRIGGER_CONFIG.exception("A trigger needs a name and an Amazon SNS topic ARN as its target");
            }
            if (isEmpty(t.triggerEvents())) {
                throw INVALID_TRIGGER_CONFIG.exception("Trigger " + t.triggerName() + " needs at least one event");
            }
            if (!names.add(t.triggerName())) {
                throw INVALID_TRIGGER_CONFIG.exception("Trigger names must be unique: " + t.triggerName());
            }
        }
    }

    private static void alarms(AlarmConfiguration a) {
        if (a == null) {
            return;
        }
        if (nonNull(a.alarms()).size() > MAX_ALARMS) {
            throw ALARMS_LIMIT_EXCEEDED.exception("A deployment group can have at most " + MAX_ALARMS + " alarms");
        }
        if (nonNull(a.alarms()).stream().anyMatch(alarm -> isBlank(alarm.name()))) {
            throw INVALID_ALARM_CONFIG.exception("Every alarm needs a name");
        }
        if (Boolean.TRUE.equals(a.enabled()) && isEmpty(a.alarms())) {
            throw INVALID_ALARM_CONFIG.exception("An enabled alarm configuration needs at least one alarm");
        }
    }

    private static void autoRollback(AutoRollbackConfiguration r) {
        if (r != null && Boolean.TRUE.equals(r.enabled()) && isEmpty(r.events())) {
            throw INVALID_AUTO_ROLLBACK_CONFIG.exception("An enabled auto-rollback configuration needs at least one event");
        }
    }

    private static void style(ComputePlatform platform, DeploymentStyle style, LoadBalancerInfo lb) {
        boolean blueGreen = style.deploymentType() == DeploymentType.BLUE_GREEN;
        boolean traffic = style.deploymentOption() == DeploymentOption.WITH_TRAFFIC_CONTROL;
        if (platform != ComputePlatform.SERVER && (!blueGreen || !traffic)) {
            throw INVALID_DEPLOYMENT_STYLE.exception("A " + platform
                    + " deployment group supports only BLUE_GREEN deployments WITH_TRAFFIC_CONTROL");
        }
        if (platform == ComputePlatform.SERVER && traffic && (lb == null
                || (isEmpty(lb.elbInfoList()) && isEmpty(lb.targetGroupInfoList())))) {
            throw INVALID_LOAD_BALANCER_INFO.exception(
                    "Deployments WITH_TRAFFIC_CONTROL need a load balancer: elbInfoList or targetGroupInfoList");
        }
        if (platform == ComputePlatform.SERVER && blueGreen && !traffic) {
            throw INVALID_DEPLOYMENT_STYLE.exception("BLUE_GREEN deployments need WITH_TRAFFIC_CONTROL");
        }
    }

    private static void blueGreen(DeploymentGroupInfo g) {
        var bg = g.blueGreenDeploymentConfiguration();
        if (bg == null) {
            return;
        }
        if (g.deploymentStyle().deploymentType() != DeploymentType.BLUE_GREEN) {
            throw INVALID_BLUE_GREEN_DEPLOYMENT_CONFIGURATION.exception(
                    "blueGreenDeploymentConfiguration applies only to BLUE_GREEN deployments");
        }
        var termination = bg.terminateBlueInstancesOnDeploymentSuccess();
        if (termination != null && termination.terminationWaitTimeInMinutes() != null
                && (termination.terminationWaitTimeInMinutes() < 0 || termination.terminationWaitTimeInMinutes() > 2880)) {
            throw INVALID_BLUE_GREEN_DEPLOYMENT_CONFIGURATION.exception(
                    "terminationWaitTimeInMinutes must be between 0 and 2880");
        }
        var ready = bg.deploymentReadyOption();
        if (ready != null && ready.waitTimeInMinutes() != null
                && (ready.waitTimeInMinutes() < 0 || ready.waitTimeInMinutes() > 2880)) {
            throw INVALID_BLUE_GREEN_DEPLOYMENT_CONFIGURATION.exception("waitTimeInMinutes must be between 0 and 2880");
        }
    }

    private static void ecs(DeploymentGroupInfo g) {
        if (g.computePlatform() != ComputePlatform.ECS) {
            if (!isEmpty(g.ecsServices())) {
                throw INVALID_ECS_SERVICE.exception("ecsServices apply only to ECS deployment groups");
            }
            return;
        }
        List<ECSService> services = nonNull(g.ecsServices());
        if (services.size() != 1 || isBlank(services.getFirst().serviceName())
                || isBlank(services.getFirst().clusterName())) {
            throw INVALID_ECS_SERVICE.exception("An ECS deployment group needs exactly one ECS service with a "
                    + "serviceName and a clusterName");
        }
        List<TargetGroupPairInfo> pairs = g.loadBalancerInfo() == null ? List.of()
                : nonNull(g.loadBalancerInfo().targetGroupPairInfoList());
        if (pairs.size() != 1 || nonNull(pairs.getFirst().targetGroups()).size() != 2
                || pairs.getFirst().prodTrafficRoute() == null
                || isEmpty(pairs.getFirst().prodTrafficRoute().listenerArns())) {
            throw INVALID_TARGET_GROUP_PAIR.exception("An ECS deployment group needs one target group pair with two "
                    + "target groups and a production listener");
        }
        if (g.blueGreenDeploymentConfiguration() == null) {
            throw INVALID_BLUE_GREEN_DEPLOYMENT_CONFIGURATION.exception(
                    "An ECS deployment group needs a blueGreenDeploymentConfiguration");
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
