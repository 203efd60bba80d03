package io.slipway.cloudformation.registry;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.core.Namespace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordedProviderTest {
    private static final Namespace NS = new Namespace("123456789012", "eu-west-1");
    private static final String STACK_ID = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop/0c2f6a40-0000-0000-0000-000000000001";
    private final RecordedProvider provider = new RecordedProvider();

    private static ResourceRequest request(String logicalId, String type, Map<String, Object> properties) {
        return request(logicalId, type, properties, Map.of());
    }

    private static ResourceRequest request(String logicalId, String type, Map<String, Object> properties,
                                           Map<String, Object> previous) {
        return new ResourceRequest(NS, "shop", STACK_ID, logicalId, type, properties, previous);
    }

    @Test
    void aTopicIsNamedAfterTheStackAndItsRefIsItsArn() {
        Provisioned topic = provider.create(request("Orders", "AWS::SNS::Topic", Map.of()));
        assertThat(topic.physicalId()).matches("arn:aws:sns:eu-west-1:123456789012:shop-Orders-[A-Z0-9]{13}");
        assertThat(topic.attributes().get("TopicArn")).isEqualTo(topic.physicalId());
        assertThat(topic.physicalId()).endsWith(":" + topic.attributes().get("TopicName"));
    }

    @Test
    void aNameTheTemplateGivesIsKept() {
        Provisioned queue = provider.create(request("Jobs", "AWS::SQS::Queue", Map.of("QueueName", "jobs")));
        assertThat(queue.physicalId()).isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/jobs");
        assertThat(queue.attributes()).containsEntry("Arn", "arn:aws:sqs:eu-west-1:123456789012:jobs")
                .containsEntry("QueueName", "jobs").containsEntry("QueueUrl", queue.physicalId());
    }

    @Test
    void aFifoQueuesGeneratedNameEndsInFifo() {
        Provisioned queue = provider.create(request("Jobs", "AWS::SQS::Queue", Map.of("FifoQueue", true)));
        assertThat((String) queue.attributes().get("QueueName")).matches("shop-Jobs-[A-Z0-9]{13}\\.fifo");
    }

    @Test
    void idsHaveTheServicesFormats() {
        Provisioned vpc = provider.create(request("Vpc", "AWS::EC2::VPC", Map.of("CidrBlock", "10.0.0.0/16")));
        assertThat(vpc.physicalId()).matches("vpc-[0-9a-f]{17}");
        assertThat(vpc.attributes()).containsEntry("CidrBlock", "10.0.0.0/16").containsEntry("VpcId", vpc.physicalId());
        assertThat((String) vpc.attributes().get("DefaultSecurityGroup")).matches("sg-[0-9a-f]{17}");
        assertThat(provider.create(request("Sg", "AWS::EC2::SecurityGroup", Map.of("GroupDescription", "web"))).physicalId())
                .matches("sg-[0-9a-f]{17}");
        Provisioned key = provider.create(request("Key", "AWS::KMS::Key", Map.of()));
        assertThat(key.physicalId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(key.attributes()).containsEntry("Arn", "arn:aws:kms:eu-west-1:123456789012:key/" + key.physicalId());
        Provisioned api = provider.create(request("Api", "AWS::ApiGateway::RestApi", Map.of("Name", "shop")));
        assertThat(api.physicalId()).matches("[a-z0-9]{10}");
        assertThat((String) api.attributes().get("RootResourceId")).matches("[a-z0-9]{10}");
    }

    @Test
    void attributesHaveAwsShapes() {
        Provisioned logs = provider.create(request("Logs", "AWS::Logs::LogGroup", Map.of("LogGroupName", "/shop/app")));
        assertThat(logs.physicalId()).isEqualTo("/shop/app");
        assertThat(logs.attributes()).containsEntry("Arn", "arn:aws:logs:eu-west-1:123456789012:log-group:/shop/app:*");
        Provisioned repo = provider.create(request("Repo", "AWS::ECR::Repository", Map.of()));
        assertThat(repo.physicalId()).matches("shop-repo-[a-z0-9]{13}");
        assertThat(repo.attributes()).containsEntry("RepositoryUri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/" + repo.physicalId());
        Provisioned table = provider.create(request("Table", "AWS::DynamoDB::Table",
                Map.of("KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")))));
        assertThat((String) table.attributes().get("StreamArn")).matches(
                "arn:aws:dynamodb:eu-west-1:123456789012:table/shop-Table-[A-Z0-9]{13}/stream/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
    }

    @Test
    void theSameRequestGivesTheSameValues() {
        ResourceRequest r = request("Vpc", "AWS::EC2::VPC", Map.of("CidrBlock", "10.0.0.0/16"));
        assertThat(provider.create(r)).isEqualTo(provider.create(r));
    }

    @Test
    void anUpdateOfAPropertyChangedInPlaceKeepsTheIdentity() {
        Provisioned created = provider.create(request("Queue", "AWS::SQS::Queue", Map.of("DelaySeconds", 5)));
        Provisioned updated = provider.update(request("Queue", "AWS::SQS::Queue", Map.of("DelaySeconds", 10),
                Map.of("DelaySeconds", 5)), created);
        assertThat(updated).isEqualTo(created);
    }

    @Test
    void anUpdateOfAReplacingPropertyMakesANewResource() {
        Provisioned created = provider.create(request("Vpc", "AWS::EC2::VPC", Map.of("CidrBlock", "10.0.0.0/16")));
        Provisioned replaced = provider.update(request("Vpc", "AWS::EC2::VPC", Map.of("CidrBlock", "10.1.0.0/16"),
                Map.of("CidrBlock", "10.0.0.0/16")), created);
        assertThat(replaced.physicalId()).matches("vpc-[0-9a-f]{17}").isNotEqualTo(created.physicalId());
        assertThat(replaced.attributes()).containsEntry("CidrBlock", "10.1.0.0/16");
    }

    @Test
    void aCustomNamedResourceCannotBeReplacedUnderItsName() {
        Provisioned created = provider.create(request("Topic", "AWS::SNS::Topic", Map.of("TopicName", "orders")));
        assertThatThrownBy(() -> provider.update(request("Topic", "AWS::SNS::Topic",
                Map.of("TopicName", "orders", "FifoTopic", false), Map.of("TopicName", "orders")), created))
                .isInstanceOf(ResourceFailure.class).hasMessageContaining("custom-named resource requires replacing");
    }

    @Test
    void aVersionedResourceIsReplacedByItsNextRevision() {
        Map<String, Object> v1 = Map.of("Family", "web", "ContainerDefinitions", List.of(Map.of("Name", "app", "Image", "nginx")));
        Map<String, Object> v2 = Map.of("Family", "web", "ContainerDefinitions", List.of(Map.of("Name", "app", "Image", "httpd")));
        Provisioned first = provider.create(request("Task", "AWS::ECS::TaskDefinition", v1));
        assertThat(first.physicalId()).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1");
        assertThat(provider.update(request("Task", "AWS::ECS::TaskDefinition", v2, v1), first).physicalId())
                .isEqualTo("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:2");
    }

    @Test
    void badPropertiesFailWithCloudFormationsMessage() {
        assertThatThrownBy(() -> provider.create(request("Logs", "AWS::Logs::LogGroup", Map.of("RetentionInDays", Map.of("Days", 7)))))
                .isInstanceOf(ResourceFailure.class).hasMessage("Properties validation failed for resource Logs with message: "
                        + "[#/RetentionInDays: expected type: Integer, found: JSONObject]");
    }

    @Test
    void theCdksMetadataIsAccepted() {
        Provisioned metadata = provider.create(request("CDKMetadata", "AWS::CDK::Metadata", Map.of("Analytics", "v2:deflate64:xyz")));
        assertThat(metadata.physicalId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void typesThatCallOutAreRecognizedButNotRecorded() {
        assertThat(RecordedProvider.records("AWS::SNS::Topic")).isTrue();
        assertThat(RecordedProvider.records("AWS::CDK::Metadata")).isTrue();
        for (String type : List.of("AWS::CloudFormation::CustomResource", "AWS::CloudFormation::Stack")) {
            assertThat(RecordedProvider.recognized(type)).as(type).isTrue();
            assertThat(RecordedProvider.records(type)).as(type).isFalse();
        }
        assertThat(RecordedProvider.recognized("AWS::Serverless::Function")).isFalse();
        assertThat(RecordedProvider.recognized("AWS::Nope::Thing")).isFalse();
    }
}
