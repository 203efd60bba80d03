package io.slipway.cloudformation.template.serverless;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS::Serverless::SimpleTable and AWS::Serverless::Application, as SAM's translator writes them. */
class ExpandersTest {

    @Test
    void simpleTableDefaultsToAnOnDemandTableKeyedOnId() {
        Map<String, Object> out = SamTemplates.expand("Resources:\n  Table: {Type: AWS::Serverless::SimpleTable}\n");
        assertThat(SamTemplates.resource(out, "Table")).containsEntry("Type", "AWS::DynamoDB::Table");
        assertThat(SamTemplates.properties(out, "Table")).isEqualTo(Map.of(
                "AttributeDefinitions", List.of(Map.of("AttributeName", "id", "AttributeType", "S")),
                "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                "BillingMode", "PAY_PER_REQUEST"));
    }

    @Test
    void simpleTableTakesItsKeyThroughputNameTagsAndAttributes() {
        Map<String, Object> out = SamTemplates.expand("""
                Resources:
                  Table:
                    Type: AWS::Serverless::SimpleTable
                    DependsOn: Other
                    DeletionPolicy: Retain
                    Properties:
                      TableName: orders
                      PrimaryKey: {Name: pk, Type: Number}
                      ProvisionedThroughput: {ReadCapacityUnits: 2, WriteCapacityUnits: 3}
                      SSESpecification: {SSEEnabled: true}
                      Tags: {team: a}
                """);
        assertThat(SamTemplates.resource(out, "Table")).containsEntry("DependsOn", "Other").containsEntry("DeletionPolicy", "Retain");
        assertThat(SamTemplates.properties(out, "Table")).isEqualTo(Map.of(
                "AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "N")),
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")),
                "ProvisionedThroughput", Map.of("ReadCapacityUnits", 2, "WriteCapacityUnits", 3),
                "SSESpecification", Map.of("SSEEnabled", true), "TableName", "orders",
                "Tags", List.of(Map.of("Key", "team", "Value", "a"))));
        assertThatThrownBy(() -> SamTemplates.expand("Resources:\n  T: {Type: AWS::Serverless::SimpleTable, Properties: {PrimaryKey: {Name: k, Type: Bool}}}\n"))
                .hasMessageEndingWith("Resource with id [T] is invalid. Invalid 'Type' \"Bool\".");
    }

    @Test
    void applicationWithATemplateUrlIsANestedStack() {
        Map<String, Object> out = SamTemplates.expand("""
                Resources:
                  App:
                    Type: AWS::Serverless::Application
                    Properties:
                      Location: https://s3.amazonaws.com/b/app.yaml
                      Parameters: {P: v}
                      TimeoutInMinutes: 10
                      Tags: {team: a}
                """);
        assertThat(SamTemplates.resource(out, "App")).containsEntry("Type", "AWS::CloudFormation::Stack");
        assertThat(SamTemplates.properties(out, "App")).isEqualTo(Map.of(
                "Parameters", Map.of("P", "v"), "TimeoutInMinutes", 10, "TemplateURL", "https://s3.amazonaws.com/b/app.yaml",
                "Tags", List.of(Map.of("Key", "lambda:createdBy", "Value", "SAM"), Map.of("Key", "team", "Value", "a"))));
    }

    @Test
    void applicationFromTheServerlessApplicationRepositoryIsRefused() {
        assertThatThrownBy(() -> SamTemplates.expand("""
                Resources:
                  App:
                    Type: AWS::Serverless::Application
                    Properties:
                      Location: {ApplicationId: 'arn:aws:serverlessrepo:us-east-1:123456789012:applications/hello', SemanticVersion: 1.0.2}
                """)).hasMessageContaining("Resource with id [App] is invalid. Cannot access application "
                + "arn:aws:serverlessrepo:us-east-1:123456789012:applications/hello version 1.0.2")
                .hasMessageContaining("Serverless Application Repository is not available in Slipway");
        assertThatThrownBy(() -> SamTemplates.expand("""
                Resources:
                  App:
                    Type: AWS::Serverless::Application
                    Properties:
                      Location: {ApplicationId: x}
                """)).hasMessageEndingWith("Resource is missing the required [SemanticVersion] property.");
        assertThatThrownBy(() -> SamTemplates.expand("""
                Resources:
                  App:
                    Type: AWS::Serverless::Application
                    Properties:
                      Location: https://x/t.yaml
                      Tags: {'lambda:createdBy': me}
                """)).hasMessageEndingWith("lambda:createdBy is a reserved Tag key name and cannot be set on your resource. "
                + "Please change the tag key in the input.");
    }
}
