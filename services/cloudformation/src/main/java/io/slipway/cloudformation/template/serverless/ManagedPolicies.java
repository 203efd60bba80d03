package io.slipway.cloudformation.template.serverless;

import java.util.Set;

/**
 * Managed policy names in a function's {@code Policies}, as SAM turns them into ARNs. SAM looks names
 * up in its bundled map of AWS managed policies; an ARN is kept as given.
 */
final class ManagedPolicies {
    /**
     * AWS managed policies that live under {@code /service-role/} (the rest live at {@code /}): the
     * ones Lambda functions use. A name outside this list is taken as an AWS managed policy at
     * {@code /} (UNVERIFIED for names SAM's map lacks: SAM keeps those as written).
     */
    private static final Set<String> SERVICE_ROLE = Set.of("AWSLambdaBasicExecutionRole",
            "AWSLambdaBasicDurableExecutionRolePolicy", "AWSLambdaVPCAccessExecutionRole", "AWSLambdaRole",
            "AWSLambdaSQSQueueExecutionRole", "AWSLambdaDynamoDBExecutionRole", "AWSLambdaKinesisExecutionRole",
            "AWSLambdaMSKExecutionRole", "AWSLambdaENIManagementAccess", "AWSCodeDeployRoleForLambda",
            "AWSCodeDeployRoleForLambdaLimited", "AWSConfigRulesExecutionRole", "AWSIoTRuleActions",
            "AWSBatchServiceRole", "AmazonAPIGatewayPushToCloudWatchLogs", "AWSGlueServiceRole",
            "AmazonSSMAutomationRole", "AWSCodeDeployRole", "AmazonEC2ContainerServiceRole",
            "AmazonECSTaskExecutionRolePolicy", "AWSLambdaReplicator", "AWSIoTLogging");

    private ManagedPolicies() {
    }

    /** The ARN of an AWS managed policy named by {@code nameOrArn}, or the ARN as given. */
    static String arn(String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        return "arn:aws:iam::aws:policy/" + (SERVICE_ROLE.contains(nameOrArn) ? "service-role/" : "") + nameOrArn;
    }
}
