package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeTypeResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.RegistryType;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.TypeSummary;
import software.amazon.awssdk.services.cloudformation.model.Visibility;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.slipway.it.StacksIT.assertValidation;
import static io.slipway.it.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stack with one resource of each of the common types Slipway records rather than runs (SNS,
 * SQS, Logs, Events, KMS, ECR, DynamoDB, EC2 networking, CloudWatch, Secrets Manager, API Gateway,
 * Step Functions, Kinesis, load balancers, ECS, Route 53, CloudFront, Cognito, EFS, ...) beside a
 * real bucket: created, updated in place and with one replacement, deleted; Ref and Fn::GetAtt
 * values in AWS's shapes; bad properties failing with CloudFormation's messages.
 */
class RecordedStacksIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private static final String ACCOUNT = "000000000000";
    private static final String ARN = "arn:aws:[a-z0-9-]+:us-east-1:" + ACCOUNT + ":";
    private final CloudFormationClient cfn = slipway.cloudFormation();

    @Test
    void everyCommonRecordedTypeCreatesUpdatesAndDeletes() {
        String template = template("recorded-types.yaml");
        String id = cfn.createStack(r -> r.stackName("shop").templateBody(template)).stackId();
        Stack created = awaitStatus("shop", StackStatus.CREATE_COMPLETE);
        Map<String, StackResource> before = resources();
        assertThat(before).hasSizeGreaterThanOrEqualTo(69);
        Set<String> types = new HashSet<>();
        before.values().forEach(r -> types.add(r.resourceType()));
        assertThat(types).hasSizeGreaterThanOrEqualTo(69); // one resource per type: 67 recorded, the bucket and its policy
        assertThat(before.get("Topic").description()).startsWith("Recorded by Slipway");
        assertThat(before.get("Bucket").description()).isNull(); // run for real, in Slipway's S3

        Map<String, String> out = outputs(created);
        assertThat(out.get("TopicArn")).matches(ARN.replace("[a-z0-9-]+", "sns") + "shop-Topic-[A-Z0-9]{13}")
                .endsWith(":" + out.get("TopicName"));
        assertThat(out.get("QueueUrl")).isEqualTo("https://sqs.us-east-1.amazonaws.com/" + ACCOUNT + "/" + out.get("QueueName"));
        assertThat(out.get("QueueArn")).isEqualTo("arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + out.get("QueueName"));
        assertThat(out.get("LogGroupArn")).isEqualTo("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:" + out.get("LogGroupName") + ":*");
        assertThat(out.get("KeyId")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(out.get("KeyArn")).isEqualTo("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + out.get("KeyId"));
        assertThat(out.get("RepositoryUri")).matches(ACCOUNT + "\\.dkr\\.ecr\\.us-east-1\\.amazonaws\\.com/shop-repository-[a-z0-9]{13}");
        assertThat(out.get("TableStreamArn")).matches("arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + out.get("TableName")
                + "/stream/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(out.get("VpcId")).matches("vpc-[0-9a-f]{17}");
        assertThat(out.get("VpcCidr")).isEqualTo("10.0.0.0/16");
        assertThat(out.get("DefaultSecurityGroup")).matches("sg-[0-9a-f]{17}");
        assertThat(out.get("SubnetId")).matches("subnet-[0-9a-f]{17}");
        assertThat(out.get("SubnetZone")).isEqualTo("us-east-1a");
        assertThat(out.get("SecurityGroupId")).matches("sg-[0-9a-f]{17}");
        assertThat(out.get("InternetGatewayId")).matches("igw-[0-9a-f]{17}");
        assertThat(out.get("RouteTableId")).matches("rtb-[0-9a-f]{17}");
        assertThat(out.get("NatGatewayId")).matches("nat-[0-9a-f]{17}");
        assertThat(out.get("NetworkInterfaceId")).matches("eni-[0-9a-f]{17}");
        assertThat(out.get("EndpointId")).matches("vpce-[0-9a-f]{17}");
        assertThat(out.get("PublicIp")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(out.get("AlarmArn")).matches("arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:shop-Alarm-[A-Z0-9]{13}");
        assertThat(out.get("SecretArn")).matches("arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:shop-Secret-[A-Z0-9]{13}-[A-Za-z0-9]{6}");
        assertThat(out.get("RestApiId")).matches("[a-z0-9]{10}");
        assertThat(out.get("RootResourceId")).matches("[a-z0-9]{10}");
        assertThat(out.get("ApiResourceId")).matches("[a-z0-9]{6}");
        assertThat(out.get("StageName")).isEqualTo("prod");
        assertThat(out.get("HttpApiEndpoint")).matches("https://[a-z0-9]{10}\\.execute-api\\.us-east-1\\.amazonaws\\.com");
        assertThat(out.get("StateMachineArn")).matches("arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:shop-StateMachine-[A-Z0-9]{13}");
        assertThat(out.get("StreamArn")).matches("arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/shop-Stream-[A-Z0-9]{13}");
        assertThat(out.get("LoadBalancerArn")).matches("arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT
                + ":loadbalancer/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}");
        assertThat(out.get("LoadBalancerDns")).matches("[A-Za-z0-9-]+-\\d{10}\\.us-east-1\\.elb\\.amazonaws\\.com");
        assertThat(out.get("ListenerArn")).startsWith(out.get("LoadBalancerArn").replace(":loadbalancer/", ":listener/") + "/");
        assertThat(out.get("ClusterArn")).matches("arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/shop-Cluster-[A-Z0-9]{13}");
        assertThat(out.get("TaskDefinitionArn")).isEqualTo("arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-definition/shop:1");
        assertThat(out.get("ServiceArn")).matches("arn:aws:ecs:us-east-1:" + ACCOUNT + ":service/shop-Cluster-[A-Z0-9]{13}/shop-Service-[A-Z0-9]{13}");
        assertThat(out.get("HostedZoneId")).matches("Z[A-Z0-9]{13}");
        assertThat(out.get("NameServers").split(",")).hasSize(4).allMatch(ns -> ns.matches("ns-\\d+\\.awsdns-\\d+\\.[a-z.]+"));
        assertThat(out.get("DistributionDomain")).matches("d[a-z0-9]{13}\\.cloudfront\\.net");
        assertThat(out.get("UserPoolId")).matches("us-east-1_[A-Za-z0-9]{9}");
        assertThat(out.get("UserPoolProviderUrl")).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/" + out.get("UserPoolId"));
        assertThat(out.get("FileSystemId")).matches("fs-[0-9a-f]{17}");
        assertThat(out.get("CertificateArn")).matches("arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/[0-9a-f-]{36}");
        assertThat(out.get("BusArn")).isEqualTo("arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/shop-bus");
        assertThat(out.get("RuleArn")).matches("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/shop-Rule-[A-Z0-9]{13}");
        assertThat(out.get("GraphQLUrl")).matches("https://[a-z0-9]{26}\\.appsync-api\\.us-east-1\\.amazonaws\\.com/graphql");

        // in place (the queue's VisibilityTimeout) and one replacement (the table's key schema)
        cfn.updateStack(r -> r.stackName("shop").templateBody(template).parameters(
                Parameter.builder().parameterKey("HashKey").parameterValue("pk").build(),
                Parameter.builder().parameterKey("Visibility").parameterValue("90").build()));
        Stack updated = awaitStatus("shop", StackStatus.UPDATE_COMPLETE);
        Map<String, StackResource> after = resources();
        assertThat(after.get("Table").physicalResourceId()).isNotEqualTo(before.get("Table").physicalResourceId())
                .matches("shop-Table-[A-Z0-9]{13}");
        before.forEach((logicalId, r) -> {
            if (!logicalId.equals("Table")) {
                assertThat(after.get(logicalId).physicalResourceId()).as(logicalId).isEqualTo(r.physicalResourceId());
            }
        });
        assertThat(after.get("Queue").resourceStatus()).isEqualTo(ResourceStatus.UPDATE_COMPLETE);
        Map<String, String> updatedOut = outputs(updated);
        assertThat(updatedOut.get("TableStreamArn")).startsWith("arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/"
                + after.get("Table").physicalResourceId() + "/stream/");
        updatedOut.forEach((k, v) -> {
            if (!k.startsWith("Table")) {
                assertThat(v).as(k).isEqualTo(out.get(k)); // stable across updates unless replaced
            }
        });
        assertThat(cfn.describeStackEvents(r -> r.stackName("shop")).stackEvents()).anySatisfy(e -> {
            assertThat(e.logicalResourceId()).isEqualTo("Table");
            assertThat(e.resourceStatus()).isEqualTo(ResourceStatus.UPDATE_COMPLETE);
            assertThat(e.physicalResourceId()).isEqualTo(after.get("Table").physicalResourceId());
        });

        // another account sees none of it
        CloudFormationClient other = slipway.cloudFormation("111111111111", "us-east-1");
        assertThatThrownBy(() -> other.describeStacks(r -> r.stackName("shop")))
                .satisfies(e -> assertValidation(e, "Stack with id shop does not exist"));
        assertThatThrownBy(() -> other.describeStackResource(r -> r.stackName(id).logicalResourceId("Topic")))
                .satisfies(e -> assertValidation(e, "does not exist"));

        cfn.deleteStack(r -> r.stackName("shop"));
        Stack deleted = await(() -> cfn.describeStacks(r -> r.stackName(id)).stacks().getFirst(),
                s -> s.stackStatus() == StackStatus.DELETE_COMPLETE || s.stackStatus() == StackStatus.DELETE_FAILED);
        assertThat(deleted.stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
        Set<String> gone = new HashSet<>();
        cfn.describeStackEventsPaginator(r -> r.stackName(id)).stackEvents().stream()
                .filter(e -> e.resourceStatus() == ResourceStatus.DELETE_COMPLETE).forEach(e -> gone.add(e.logicalResourceId()));
        assertThat(gone).containsAll(after.keySet());
    }

    @Test
    void badPropertiesFailTheResourceWithCloudFormationsMessage() {
        cfn.createStack(r -> r.stackName("bad").templateBody("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      DelaySeconds: soon
                      Colour: blue
                  Subscription:
                    Type: AWS::SNS::Subscription
                    Properties:
                      Endpoint: ops@example.com
                """));
        awaitStatus("bad", StackStatus.ROLLBACK_COMPLETE);
        assertThat(cfn.describeStackEvents(r -> r.stackName("bad")).stackEvents())
                .filteredOn(e -> e.resourceStatus() == ResourceStatus.CREATE_FAILED).first().satisfies(e -> {
                    String message = e.logicalResourceId().equals("Queue")
                            ? "[#: extraneous key [Colour] is not permitted, #/DelaySeconds: expected type: Integer, found: String]"
                            : "[#: required key [Protocol] not found, #: required key [TopicArn] not found]";
                    assertThat(e.resourceStatusReason()).isEqualTo("Properties validation failed for resource "
                            + e.logicalResourceId() + " with message: " + message);
                    assertThat(e.detailedStatusAsString()).isEqualTo("VALIDATION_FAILED");
                });
    }

    @Test
    void aChangeSetSaysWhichChangesReplaceARecordedResource() {
        String queue = """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: %s
                      DelaySeconds: %d
                """;
        cfn.createStack(r -> r.stackName("queues").templateBody(queue.formatted("jobs", 0)));
        awaitStatus("queues", StackStatus.CREATE_COMPLETE);
        cfn.createChangeSet(r -> r.stackName("queues").changeSetName("delay").templateBody(queue.formatted("jobs", 5)));
        cfn.createChangeSet(r -> r.stackName("queues").changeSetName("rename").templateBody(queue.formatted("work", 0)));
        for (String name : new String[] {"delay", "rename"}) {
            var change = await(() -> cfn.describeChangeSet(r -> r.stackName("queues").changeSetName(name)),
                    c -> !c.statusAsString().endsWith("_IN_PROGRESS") && !c.statusAsString().endsWith("_PENDING"))
                    .changes().getFirst().resourceChange();
            assertThat(change.replacementAsString()).isEqualTo(name.equals("delay") ? "False" : "True");
            assertThat(change.details()).singleElement().satisfies(d -> {
                assertThat(d.target().name()).isEqualTo(name.equals("delay") ? "DelaySeconds" : "QueueName");
                assertThat(d.target().requiresRecreationAsString()).isEqualTo(name.equals("delay") ? "Never" : "Always");
            });
        }
    }

    @Test
    void aTypeTheRegistryDoesNotHaveFailsTheTemplate() {
        String body = """
                Resources:
                  Thing: {Type: AWS::Nope::Thing}
                  Other: {Type: AWS::Nope::Other}
                  Metadata: {Type: AWS::CDK::Metadata}
                  Function: {Type: AWS::Serverless::Function}
                """;
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("nope").templateBody(body))).satisfies(e ->
                assertValidation(e, "Template format error: Unrecognized resource types: "
                        + "[AWS::Nope::Thing, AWS::Nope::Other, AWS::Serverless::Function]"));
        assertThatThrownBy(() -> cfn.validateTemplate(r -> r.templateBody(body))).satisfies(e ->
                assertValidation(e, "Template format error: Unrecognized resource types: "
                        + "[AWS::Nope::Thing, AWS::Nope::Other, AWS::Serverless::Function]"));
    }

    @Test
    void anAttributeTheTypeDoesNotHaveFailsTheTemplateBeforeAnythingIsCreated() {
        String body = """
                Resources:
                  Queue: {Type: AWS::SQS::Queue}
                  Custom:
                    Type: Custom::Anything
                    Properties: {ServiceToken: !GetAtt Queue.Arn}
                Outputs:
                  Url: {Value: !GetAtt Queue.QueueUrl}
                  Free: {Value: !GetAtt Custom.AnyNameAtAll}
                  Name: {Value: !Sub '${Queue.Name}'}
                """;
        String message = "Template error: resource Queue does not support attribute type Name in Fn::GetAtt";
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("attrs").templateBody(body)))
                .satisfies(e -> assertValidation(e, message));
        assertThatThrownBy(() -> cfn.describeStacks(r -> r.stackName("attrs"))).satisfies(e ->
                assertValidation(e, "Stack with id attrs does not exist"));
        assertThatThrownBy(() -> cfn.validateTemplate(r -> r.templateBody(body))).satisfies(e -> assertValidation(e, message));
        assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("attrs").changeSetName("c").changeSetType("CREATE")
                .templateBody(body))).satisfies(e -> assertValidation(e, message));

        String good = "Resources:\n  Queue: {Type: AWS::SQS::Queue}\nOutputs:\n  Url: {Value: !GetAtt Queue.QueueUrl}\n";
        cfn.createStack(r -> r.stackName("attrs").templateBody(good));
        awaitStatus("attrs", StackStatus.CREATE_COMPLETE);
        assertThatThrownBy(() -> cfn.updateStack(r -> r.stackName("attrs").templateBody(good.replace("QueueUrl", "Url"))))
                .satisfies(e -> assertValidation(e, "Template error: resource Queue does not support attribute type Url in Fn::GetAtt"));
    }

    @Test
    void theRegistrysResourceTypesAreDescribedAndListed() {
        DescribeTypeResponse topic = cfn.describeType(r -> r.type(RegistryType.RESOURCE).typeName("AWS::SNS::Topic"));
        assertThat(topic.arn()).isEqualTo("arn:aws:cloudformation:us-east-1::type/resource/AWS-SNS-Topic");
        assertThat(topic.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(topic.schema()).contains("\"typeName\":\"AWS::SNS::Topic\"").contains("\"/properties/TopicName\"");
        assertThat(cfn.describeType(r -> r.arn(topic.arn())).typeName()).isEqualTo("AWS::SNS::Topic");
        assertThat(cfn.listTypes(r -> r.type(RegistryType.RESOURCE).visibility(Visibility.PUBLIC)
                .filters(f -> f.typeNamePrefix("AWS::SQS::"))).typeSummaries()).extracting(TypeSummary::typeName)
                .contains("AWS::SQS::Queue", "AWS::SQS::QueuePolicy");
        assertThatThrownBy(() -> cfn.describeType(r -> r.type(RegistryType.RESOURCE).typeName("AWS::Nope::Thing")))
                .hasMessageContaining("The type 'AWS::Nope::Thing' cannot be found.");
    }

    private Map<String, StackResource> resources() {
        return cfn.describeStackResources(r -> r.stackName("shop")).stackResources().stream()
                .collect(Collectors.toMap(StackResource::logicalResourceId, Function.identity()));
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
    }

    private Stack awaitStatus(String name, StackStatus status) {
        Stack stack = await(() -> cfn.describeStacks(r -> r.stackName(name)).stacks().getFirst(),
                s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"));
        assertThat(stack.stackStatus()).as(stack.stackStatusReason()).isEqualTo(status);
        return stack;
    }

    private static String template(String name) {
        try (InputStream in = RecordedStacksIT.class.getResourceAsStream("/templates/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
