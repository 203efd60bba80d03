package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.TemplateException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SAM's policy templates: the statements of SAM's policy_templates.json with the parameters put in. */
class PolicyTemplatesTest {

    @Test
    void knowsTheCommonTemplatesAndNoOthers() {
        for (String name : List.of("S3ReadPolicy", "S3WritePolicy", "S3CrudPolicy", "DynamoDBReadPolicy", "DynamoDBWritePolicy",
                "DynamoDBCrudPolicy", "SQSSendMessagePolicy", "SQSPollerPolicy", "SNSPublishMessagePolicy", "LambdaInvokePolicy",
                "SSMParameterReadPolicy", "SSMParameterWithSlashPrefixReadPolicy", "AWSSecretsManagerGetSecretValuePolicy",
                "CloudWatchPutMetricPolicy", "KMSDecryptPolicy", "StepFunctionsExecutionPolicy", "EventBridgePutEventsPolicy",
                "VPCAccessPolicy")) {
            assertThat(PolicyTemplates.known(name)).as(name).isTrue();
        }
        // managed policies are not templates, even those named like one (SAM has no CloudWatchLogsFullAccessPolicy)
        assertThat(PolicyTemplates.known("AmazonS3FullAccess")).isFalse();
        assertThat(PolicyTemplates.known("CloudWatchLogsFullAccessPolicy")).isFalse();
    }

    @Test
    void theParameterReplacesItsRefAndIntrinsicsStayAsGiven() {
        Map<String, Object> table = Map.of("Ref", "OrdersTable");
        List<Object> statements = PolicyTemplates.statements("Fn", "DynamoDBReadPolicy", Map.of("TableName", table));
        assertThat(statements).isEqualTo(List.of(Map.of(
                "Action", List.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"),
                "Effect", "Allow",
                "Resource", List.of(
                        Map.of("Fn::Sub", List.of("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}",
                                Map.of("tableName", table))),
                        Map.of("Fn::Sub", List.of("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*",
                                Map.of("tableName", table)))))));
    }

    @Test
    void templatesWithoutParametersTakeAnEmptyMapAndIgnoreExtraValues() {
        List<Object> statements = PolicyTemplates.statements("Fn", "VPCAccessPolicy", Map.of("Unused", "x"));
        assertThat(statements).isEqualTo(List.of(Map.of("Action", List.of("ec2:CreateNetworkInterface",
                "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DetachNetworkInterface"),
                "Effect", "Allow", "Resource", "*")));
    }

    @Test
    void aMissingParameterIsSamsError() {
        assertThatThrownBy(() -> PolicyTemplates.statements("Fn", "SQSPollerPolicy", Map.of("Queue", "q")))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification "
                        + "document. Number of errors found: 1. Resource with id [Fn] is invalid. Following required parameters "
                        + "of template 'SQSPollerPolicy' don't have values: ['QueueName']");
        assertThatThrownBy(() -> PolicyTemplates.statements("Fn", "SQSPollerPolicy", "q"))
                .hasMessageEndingWith("Resource with id [Fn] is invalid. Must specify valid parameter values for policy template 'SQSPollerPolicy'");
        assertThatThrownBy(() -> PolicyTemplates.statements("Fn", "NoSuchPolicy", Map.of()))
                .hasMessageEndingWith("Policy template NoSuchPolicy is not supported.");
    }
}
