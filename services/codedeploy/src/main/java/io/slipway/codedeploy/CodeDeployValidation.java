package io.slipway.codedeploy;

import io.slipway.core.protocol.ValidationPolicy;
import io.slipway.core.protocol.Validator;
import io.slipway.core.protocol.Violation;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.Shape;

import java.util.List;
import java.util.Map;

import static io.slipway.model.codedeploy.CodeDeployErrors.*;

/**
 * CodeDeploy reports invalid input with its own exceptions rather than a generic
 * ValidationException: a missing application name is ApplicationNameRequiredException, a bad one
 * InvalidApplicationNameException, and so on. This maps the first violation's input member to the
 * pair (required, invalid) the operation models; members with no such pair, or whose exception the
 * operation does not model, get the generic error.
 */
public final class CodeDeployValidation implements ValidationPolicy {
    private record Errors(AwsError required, AwsError invalid) {
    }

    private static final Map<String, Errors> BY_MEMBER = Map.ofEntries(
            Map.entry("applicationName", new Errors(APPLICATION_NAME_REQUIRED, INVALID_APPLICATION_NAME)),
            Map.entry("newApplicationName", new Errors(APPLICATION_NAME_REQUIRED, INVALID_APPLICATION_NAME)),
            Map.entry("applicationNames", new Errors(APPLICATION_NAME_REQUIRED, INVALID_APPLICATION_NAME)),
            Map.entry("deploymentGroupName", new Errors(DEPLOYMENT_GROUP_NAME_REQUIRED, INVALID_DEPLOYMENT_GROUP_NAME)),
            Map.entry("currentDeploymentGroupName", new Errors(DEPLOYMENT_GROUP_NAME_REQUIRED, INVALID_DEPLOYMENT_GROUP_NAME)),
            Map.entry("newDeploymentGroupName", new Errors(DEPLOYMENT_GROUP_NAME_REQUIRED, INVALID_DEPLOYMENT_GROUP_NAME)),
            Map.entry("deploymentGroupNames", new Errors(DEPLOYMENT_GROUP_NAME_REQUIRED, INVALID_DEPLOYMENT_GROUP_NAME)),
            Map.entry("deploymentConfigName", new Errors(DEPLOYMENT_CONFIG_NAME_REQUIRED, INVALID_DEPLOYMENT_CONFIG_NAME)),
            Map.entry("serviceRoleArn", new Errors(ROLE_REQUIRED, INVALID_ROLE)),
            Map.entry("ResourceArn", new Errors(RESOURCE_ARN_REQUIRED, INVALID_ARN)),
            Map.entry("Tags", new Errors(TAG_REQUIRED, INVALID_TAGS_TO_ADD)),
            Map.entry("TagKeys", new Errors(TAG_REQUIRED, INVALID_TAGS_TO_ADD)),
            Map.entry("tags", new Errors(INVALID_TAGS_TO_ADD, INVALID_TAGS_TO_ADD)),
            Map.entry("computePlatform", new Errors(INVALID_COMPUTE_PLATFORM, INVALID_COMPUTE_PLATFORM)),
            Map.entry("nextToken", new Errors(INVALID_NEXT_TOKEN, INVALID_NEXT_TOKEN)),
            Map.entry("minimumHealthyHosts", new Errors(INVALID_MINIMUM_HEALTHY_HOST_VALUE, INVALID_MINIMUM_HEALTHY_HOST_VALUE)),
            Map.entry("trafficRoutingConfig", new Errors(INVALID_TRAFFIC_ROUTING_CONFIGURATION, INVALID_TRAFFIC_ROUTING_CONFIGURATION)),
            Map.entry("zonalConfig", new Errors(INVALID_ZONAL_DEPLOYMENT_CONFIGURATION, INVALID_ZONAL_DEPLOYMENT_CONFIGURATION)),
            Map.entry("ec2TagFilters", new Errors(INVALID_EC2_TAG, INVALID_EC2_TAG)),
            Map.entry("ec2TagSet", new Errors(INVALID_EC2_TAG, INVALID_EC2_TAG)),
            Map.entry("onPremisesInstanceTagFilters", new Errors(INVALID_TAG, INVALID_TAG)),
            Map.entry("onPremisesTagSet", new Errors(INVALID_TAG, INVALID_TAG)),
            Map.entry("autoScalingGroups", new Errors(INVALID_AUTO_SCALING_GROUP, INVALID_AUTO_SCALING_GROUP)),
            Map.entry("triggerConfigurations", new Errors(INVALID_TRIGGER_CONFIG, INVALID_TRIGGER_CONFIG)),
            Map.entry("alarmConfiguration", new Errors(INVALID_ALARM_CONFIG, INVALID_ALARM_CONFIG)),
            Map.entry("autoRollbackConfiguration", new Errors(INVALID_AUTO_ROLLBACK_CONFIG, INVALID_AUTO_ROLLBACK_CONFIG)),
            Map.entry("deploymentStyle", new Errors(INVALID_DEPLOYMENT_STYLE, INVALID_DEPLOYMENT_STYLE)),
            Map.entry("blueGreenDeploymentConfiguration", new Errors(INVALID_BLUE_GREEN_DEPLOYMENT_CONFIGURATION,
                    INVALID_BLUE_GREEN_DEPLOYMENT_CONFIGURATION)),
            Map.entry("loadBalancerInfo", new Errors(INVALID_LOAD_BALANCER_INFO, INVALID_LOAD_BALANCER_INFO)),
            Map.entry("ecsServices", new Errors(INVALID_ECS_SERVICE, INVALID_ECS_SERVICE)),
            Map.entry("outdatedInstancesStrategy", new Errors(INVALID_INPUT, INVALID_INPUT)),
            Map.entry("deploymentId", new Errors(DEPLOYMENT_ID_REQUIRED, INVALID_DEPLOYMENT_ID)),
            Map.entry("deploymentIds", new Errors(DEPLOYMENT_ID_REQUIRED, INVALID_DEPLOYMENT_ID)),
            Map.entry("lifecycleEventHookExecutionId", new Errors(INVALID_LIFECYCLE_EVENT_HOOK_EXECUTION_ID,
                    INVALID_LIFECYCLE_EVENT_HOOK_EXECUTION_ID)),
            Map.entry("status", new Errors(INVALID_LIFECYCLE_EVENT_HOOK_EXECUTION_STATUS,
                    INVALID_LIFECYCLE_EVENT_HOOK_EXECUTION_STATUS)),
            Map.entry("revision", new Errors(REVISION_REQUIRED, INVALID_REVISION)),
            Map.entry("description", new Errors(DESCRIPTION_TOO_LONG, DESCRIPTION_TOO_LONG)),
            Map.entry("fileExistsBehavior", new Errors(INVALID_FILE_EXISTS_BEHAVIOR, INVALID_FILE_EXISTS_BEHAVIOR)),
            Map.entry("targetId", new Errors(DEPLOYMENT_TARGET_ID_REQUIRED, INVALID_DEPLOYMENT_TARGET_ID)),
            Map.entry("targetIds", new Errors(DEPLOYMENT_TARGET_ID_REQUIRED, INVALID_DEPLOYMENT_TARGET_ID)),
            Map.entry("deploymentWaitType", new Errors(INVALID_DEPLOYMENT_WAIT_TYPE, INVALID_DEPLOYMENT_WAIT_TYPE)),
            Map.entry("includeOnlyStatuses", new Errors(INVALID_DEPLOYMENT_STATUS, INVALID_DEPLOYMENT_STATUS)),
            Map.entry("createTimeRange", new Errors(INVALID_TIME_RANGE, INVALID_TIME_RANGE)),
            Map.entry("targetFilters", new Errors(INVALID_TARGET_FILTER_NAME, INVALID_TARGET_FILTER_NAME)),
            Map.entry("instanceName", new Errors(INSTANCE_NAME_REQUIRED, INVALID_INSTANCE_NAME)),
            Map.entry("instanceNames", new Errors(INSTANCE_NAME_REQUIRED, INVALID_INSTANCE_NAME)),
            Map.entry("iamUserArn", new Errors(IAM_ARN_REQUIRED, INVALID_IAM_USER_ARN)),
            Map.entry("iamSessionArn", new Errors(IAM_ARN_REQUIRED, INVALID_IAM_SESSION_ARN)),
            Map.entry("registrationStatus", new Errors(INVALID_REGISTRATION_STATUS, INVALID_REGISTRATION_STATUS)),
            Map.entry("tagFilters", new Errors(INVALID_TAG_FILTER, INVALID_TAG_FILTER)),
            Map.entry("revisions", new Errors(REVISION_REQUIRED, INVALID_REVISION)),
            Map.entry("sortBy", new Errors(INVALID_SORT_BY, INVALID_SORT_BY)),
            Map.entry("sortOrder", new Errors(INVALID_SORT_ORDER, INVALID_SORT_ORDER)),
            Map.entry("deployed", new Errors(INVALID_DEPLOYED_STATE_FILTER, INVALID_DEPLOYED_STATE_FILTER)),
            Map.entry("s3Bucket", new Errors(INVALID_BUCKET_NAME_FILTER, INVALID_BUCKET_NAME_FILTER)),
            Map.entry("s3KeyPrefix", new Errors(INVALID_KEY_PREFIX_FILTER, INVALID_KEY_PREFIX_FILTER)),
            Map.entry("instanceId", new Errors(INSTANCE_ID_REQUIRED, INVALID_INSTANCE_NAME)),
            Map.entry("instanceIds", new Errors(INSTANCE_ID_REQUIRED, INVALID_INSTANCE_NAME)),
            Map.entry("instanceStatusFilter", new Errors(INVALID_INSTANCE_STATUS, INVALID_INSTANCE_STATUS)),
            Map.entry("instanceTypeFilter", new Errors(INVALID_INSTANCE_TYPE, INVALID_INSTANCE_TYPE)));

    /**
     * Members whose exceptions differ by operation: tried when the operation does not model
     * BY_MEMBER's (the on-premises tagging operations' {@code tags} are TagRequired / InvalidTag,
     * not InvalidTagsToAdd).
     */
    private static final Map<String, Errors> OTHERWISE = Map.of(
            "tags", new Errors(TAG_REQUIRED, INVALID_TAG));

    @Override
    public AwsException toException(Operation operation, List<Violation> violations, AwsError genericError) {
        Violation first = violations.getFirst();
        for (Map<String, Errors> candidates : List.of(BY_MEMBER, OTHERWISE)) {
            Errors errors = candidates.get(first.topMember());
            if (errors != null) {
                AwsError error = first.kind() == Violation.Kind.REQUIRED ? errors.required() : errors.invalid();
                if (models(operation, error)) {
                    return error.exception(message(first));
                }
            }
        }
        return genericError.exception(Validator.message(violations));
    }

    private static boolean models(Operation operation, AwsError error) {
        for (Shape s : operation.errors()) {
            if (s.error() == error) {
                return true;
            }
        }
        return false;
    }

    private static String message(Violation v) {
        return v.kind() == Violation.Kind.REQUIRED ? v.topMember() + " is required" : v.message();
    }
}
