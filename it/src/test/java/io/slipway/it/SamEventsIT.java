package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;

import java.util.Map;
import java.util.stream.Collectors;

import static io.slipway.it.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SAM template with a Schedule, an SQS and an Api event and a SimpleTable, created through the
 * SDK: the transform's event resources, the implicit REST API and the table are created (recorded
 * where Slipway does not run the service) under SAM's logical ids, and the function's role gets the
 * SQS poller policy.
 */
class SamEventsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CloudFormationClient cfn = slipway.cloudFormation();
    private final IamClient iam = slipway.iam("AKIDEXAMPLE");

    private static final String TEMPLATE = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: index.handler
                  InlineCode: "exports.handler = async () => 'ok';"
                  Events:
                    Tick:
                      Type: Schedule
                      Properties:
                        Schedule: rate(5 minutes)
                    Jobs:
                      Type: SQS
                      Properties:
                        Queue: arn:aws:sqs:us-east-1:000000000000:jobs
                        BatchSize: 5
                    Hello:
                      Type: Api
                      Properties:
                        Path: /hello
                        Method: get
              Orders:
                Type: AWS::Serverless::SimpleTable
            """;

    @Test
    void eventsAndTheTableAreCreatedUnderSamsIdsAndTheRoleMayPollTheQueue() {
        cfn.createStack(r -> r.stackName("sam-events").templateBody(TEMPLATE)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND));
        Stack stack = await(() -> cfn.describeStacks(r -> r.stackName("sam-events")).stacks().getFirst(),
                s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"));
        assertThat(stack.stackStatus()).as(() -> cfn.describeStackEvents(r -> r.stackName("sam-events")).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null).map(e -> e.logicalResourceId() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("; "))).isEqualTo(StackStatus.CREATE_COMPLETE);

        Map<String, String> types = cfn.describeStackResources(r -> r.stackName("sam-events")).stackResources().stream()
                .collect(Collectors.toMap(StackResource::logicalResourceId, StackResource::resourceType));
        assertThat(types).containsEntry("WorkerTick", "AWS::Events::Rule")
                .containsEntry("WorkerTickPermission", "AWS::Lambda::Permission")
                .containsEntry("WorkerJobs", "AWS::Lambda::EventSourceMapping")
                .containsEntry("ServerlessRestApi", "AWS::ApiGateway::RestApi")
                .containsEntry("ServerlessRestApiProdStage", "AWS::ApiGateway::Stage")
                .containsEntry("WorkerHelloPermissionProd", "AWS::Lambda::Permission")
                .containsEntry("Orders", "AWS::DynamoDB::Table");
        assertThat(types.keySet()).anyMatch(id -> id.matches("ServerlessRestApiDeployment[0-9a-f]{10}"));

        String role = cfn.describeStackResource(r -> r.stackName("sam-events").logicalResourceId("WorkerRole"))
                .stackResourceDetail().physicalResourceId();
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies()).extracting(AttachedPolicy::policyArn)
                .contains("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                        "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole");

        String processed = cfn.getTemplate(r -> r.stackName("sam-events").templateStage(TemplateStage.PROCESSED)).templateBody();
        assertThat(processed).contains("\"rate(5 minutes)\"", "\"WorkerTickLambdaTarget\"", "\"PAY_PER_REQUEST\"",
                "${Worker.Arn}/invocations").doesNotContain("AWS::Serverless::");
    }
}
