package io.slipway.cloudformation.registry;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PropertyValidationTest {

    private static ResourceTypeSpec spec(String type) {
        return RegistryTypes.find(type).orElseThrow();
    }

    @Test
    void aStringPropertyGivenAnObjectFails() {
        assertThat(PropertyValidation.failure("Topic", spec("AWS::SNS::Topic"), Map.of("DisplayName", Map.of("a", "b"))))
                .contains("Properties validation failed for resource Topic with message: "
                        + "[#/DisplayName: expected type: String, found: JSONObject]");
    }

    @Test
    void aMissingRequiredKeyAndAnUnknownKeyAreBothListed() {
        assertThat(PropertyValidation.errors(spec("AWS::SNS::Subscription"), Map.of("TopicArn", "arn:aws:sns:x", "Endpont", "e")))
                .containsExactly("#: required key [Protocol] not found", "#: extraneous key [Endpont] is not permitted");
    }

    @Test
    void nestedTypesAreCheckedWithTheirPaths() {
        Map<String, Object> properties = Map.of("Targets", List.of(Map.of("Arn", "arn:aws:sns:eu-west-1:1:t")),
                "Tags", List.of(Map.of("Key", "team")), "ScheduleExpression", "rate(1 hour)");
        assertThat(PropertyValidation.errors(spec("AWS::Events::Rule"), properties)).containsExactlyInAnyOrder(
                "#/Targets/0: required key [Id] not found", "#/Tags/0: required key [Value] not found");
    }

    @Test
    void valuesAreCoercedWhereCloudFormationCoercesThem() {
        Map<String, Object> properties = Map.of("DelaySeconds", "5", "FifoQueue", "true", "QueueName", 42,
                "MaximumMessageSize", new BigDecimal("1024"), "Tags", List.of(Map.of("Key", "a", "Value", 1)));
        assertThat(PropertyValidation.errors(spec("AWS::SQS::Queue"), properties)).isEmpty();
        assertThat(PropertyValidation.errors(spec("AWS::SQS::Queue"), Map.of("DelaySeconds", "soon", "FifoQueue", "yes")))
                .containsExactlyInAnyOrder("#/DelaySeconds: expected type: Integer, found: String",
                        "#/FifoQueue: expected type: Boolean, found: String");
    }

    @Test
    void arraysAndMapsMustBeArraysAndMaps() {
        assertThat(PropertyValidation.errors(spec("AWS::ApiGateway::Stage"), Map.of("RestApiId", "abc", "Variables", List.of(),
                "MethodSettings", "all"))).containsExactlyInAnyOrder("#/Variables: expected type: JSONObject, found: JSONArray",
                "#/MethodSettings: expected type: JSONArray, found: String");
    }

    @Test
    void theSpecificationIsReadPerServiceAndKnowsEveryType() {
        assertThat(RegistryTypes.names()).hasSize(1828).contains("AWS::SNS::Topic", "AWS::EC2::VPC");
        assertThat(RegistryTypes.contains("AWS::Nope::Thing")).isFalse();
        ResourceTypeSpec topic = spec("AWS::SNS::Topic");
        assertThat(topic.properties().get("TopicName").replacement()).isEqualTo(PropertySpec.Replacement.ALWAYS);
        assertThat(topic.arnTemplate()).contains("arn:${Partition}:sns:${Region}:${Account}:${TopicName}");
        assertThat(topic.tagProperty()).contains("Tags");
    }

    @Test
    void aNestedTypesOtherAlternativeIsNotHeldToTheFirstsRequiredKeys() {
        Map<String, Object> hook = Map.of("Alias", "Private::Lambda::Guard", "LambdaFunction", "guard",
                "ExecutionRole", "arn:aws:iam::123456789012:role/hooks", "FailureMode", "FAIL", "HookStatus", "ENABLED",
                "TargetOperations", List.of("RESOURCE"), "TargetFilters", Map.of("Actions", List.of("CREATE")));
        assertThat(PropertyValidation.errors(spec("AWS::CloudFormation::LambdaHook"), hook)).isEmpty();
        assertThat(PropertyValidation.errors(spec("AWS::CloudFormation::LambdaHook"), Map.of("Alias", "A::B::C")))
                .contains("#: required key [LambdaFunction] not found");
    }

    @Test
    void aCustomResourceTakesAnyPropertiesBesideItsServiceToken() {
        ResourceTypeSpec custom = spec("AWS::CloudFormation::CustomResource");
        assertThat(PropertyValidation.failure("Settings", custom, Map.of("ServiceToken", "arn:aws:lambda:us-east-1:1:function:f",
                "Release", Map.of("Version", 3)))).isEmpty();
        assertThat(PropertyValidation.failure("Settings", custom, Map.of("Release", "3")))
                .contains("Properties validation failed for resource Settings with message: [#: required key [ServiceToken] not found]");
    }
}
