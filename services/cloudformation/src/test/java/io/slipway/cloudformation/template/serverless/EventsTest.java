package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.TemplateException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event sources other than APIs, checked against what SAM's translator writes for the same template. */
class EventsTest {
    private static final String TEMPLATE = """
            Resources:
              Bucket: {Type: AWS::S3::Bucket}
              Topic: {Type: AWS::SNS::Topic}
              Queue: {Type: AWS::SQS::Queue}
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Tick:
                      Type: Schedule
                      Properties: {Schedule: rate(5 minutes), Input: '{"a":1}', Enabled: false}
                    Tick2:
                      Type: ScheduleV2
                      Properties: {ScheduleExpression: rate(1 hour)}
                    Pattern:
                      Type: EventBridgeRule
                      Properties: {Pattern: {source: [my.app]}}
                    Messages:
                      Type: SQS
                      Properties: {Queue: {Fn::GetAtt: [Queue, Arn]}, BatchSize: 5}
                    Stream:
                      Type: Kinesis
                      Properties: {Stream: 'arn:aws:kinesis:us-east-1:123456789012:stream/s', StartingPosition: LATEST}
                    Table:
                      Type: DynamoDB
                      Properties: {Stream: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x', StartingPosition: TRIM_HORIZON}
                    Note:
                      Type: SNS
                      Properties: {Topic: {Ref: Topic}, FilterPolicy: {kind: [a]}}
                    Upload:
                      Type: S3
                      Properties: {Bucket: {Ref: Bucket}, Events: ['s3:ObjectCreated:*'], Filter: {S3Key: {Rules: [{Name: prefix, Value: in/}]}}}
            """;
    private static final Map<String, Object> FN_ARN = Map.of("Fn::GetAtt", List.of("Fn", "Arn"));
    private static final Map<String, Object> FN_NAME = Map.of("Ref", "Fn");

    @Test
    void scheduleIsARuleTargetingTheFunctionWithItsPermission() {
        Map<String, Object> out = SamTemplates.expand(TEMPLATE);
        assertThat(SamTemplates.properties(out, "FnTick")).isEqualTo(Map.of(
                "ScheduleExpression", "rate(5 minutes)", "State", "DISABLED",
                "Targets", List.of(Map.of("Arn", FN_ARN, "Id", "FnTickLambdaTarget", "Input", "{\"a\":1}"))));
        assertThat(SamTemplates.properties(out, "FnTickPermission")).isEqualTo(Map.of(
                "Action", "lambda:InvokeFunction", "FunctionName", FN_NAME, "Principal", "events.amazonaws.com",
                "SourceArn", Map.of("Fn::GetAtt", List.of("FnTick", "Arn"))));
    }

    @Test
    void scheduleV2IsASchedulerScheduleWithARoleOfItsOwn() {
        Map<String, Object> out = SamTemplates.expand(TEMPLATE);
        assertThat(SamTemplates.properties(out, "FnTick2")).isEqualTo(Map.of(
                "FlexibleTimeWindow", Map.of("Mode", "OFF"), "Name", "FnTick2", "ScheduleExpression", "rate(1 hour)",
                "Target", Map.of("Arn", FN_ARN, "RoleArn", Map.of("Fn::GetAtt", List.of("FnTick2Role", "Arn")))));
        assertThat(SamTemplates.properties(out, "FnTick2Role")).isEqualTo(Map.of(
                "AssumeRolePolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Action", List.of("sts:AssumeRole"), "Effect", "Allow",
                        "Principal", Map.of("Service", List.of("scheduler.amazonaws.com"))))),
                "Policies", List.of(Map.of("PolicyName", "FnTick2LambdaPolicy", "PolicyDocument", Map.of("Statement",
                        List.of(Map.of("Action", "lambda:InvokeFunction", "Effect", "Allow", "Resource", FN_ARN)))))));
    }

    @Test
    void eventBridgeRuleMatchesItsPattern() {
        Map<String, Object> out = SamTemplates.expand(TEMPLATE);
        assertThat(SamTemplates.properties(out, "FnPattern")).isEqualTo(Map.of(
                "EventPattern", Map.of("source", List.of("my.app")),
                "Targets", List.of(Map.of("Arn", FN_ARN, "Id", "FnPatternLambdaTarget"))));
        assertThat(out).containsKey("FnPatternPermission");
    }

    @Test
    void pollersBecomeMappingsAndAskForTheirManagedPoliciesInSamsOrder() {
        Map<String, Object> out = SamTemplates.expand(TEMPLATE);
        assertThat(SamTemplates.properties(out, "FnMessages")).isEqualTo(Map.of(
                "BatchSize", 5, "EventSourceArn", Map.of("Fn::GetAtt", List.of("Queue", "Arn")), "FunctionName", FN_NAME));
        assertThat(SamTemplates.properties(out, "FnStream")).isEqualTo(Map.of(
                "EventSourceArn", "arn:aws:kinesis:us-east-1:123456789012:stream/s", "FunctionName", FN_NAME,
                "StartingPosition", "LATEST"));
        assertThat(SamTemplates.properties(out, "FnTable")).containsEntry("StartingPosition", "TRIM_HORIZON");
        assertThat(SamTemplates.managedPolicies(out, "Fn")).containsExactly(
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole");
    }

    @Test
    void snsSubscribesTheFunctionAndLetsTheTopicInvokeIt() {
        Map<String, Object> out = SamTemplates.expand(TEMPLATE);
        assertThat(SamTemplates.properties(out, "FnNote")).isEqualTo(Map.of(
                "Endpoint", FN_ARN, "FilterPolicy", Map.of("kind", List.of("a")), "Protocol", "lambda",
                "TopicArn", Map.of("Ref", "Topic")));
        assertThat(SamTemplates.properties(out, "FnNotePermission")).isEqualTo(Map.of(
                "Action", "lambda:InvokeFunction", "FunctionName", FN_NAME, "Principal", "sns.amazonaws.com",
                "SourceArn", Map.of("Ref", "Topic")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void s3AddsTheNotificationToTheBucketWhichWaitsForThePermission() {
        Map<String, Object> out = SamTemplates.expand(TEMPLATE);
        Map<String, Object> bucket = (Map<String, Object>) out.get("Bucket");
        assertThat(bucket.get("DependsOn")).isEqualTo(List.of("FnUploadPermission"));
        assertThat(bucket.get("Properties")).isEqualTo(Map.of("NotificationConfiguration", Map.of("LambdaConfigurations",
                List.of(Map.of("Event", "s3:ObjectCreated:*", "Function", FN_ARN,
                        "Filter", Map.of("S3Key", Map.of("Rules", List.of(Map.of("Name", "prefix", "Value", "in/")))))))));
        assertThat(SamTemplates.properties(out, "FnUploadPermission")).isEqualTo(Map.of(
                "Action", "lambda:InvokeFunction", "FunctionName", FN_NAME, "Principal", "s3.amazonaws.com",
                "SourceAccount", Map.of("Ref", "AWS::AccountId")));
    }

    @Test
    void snsThroughAQueueSamCreatesIsPolledByTheFunction() {
        Map<String, Object> out = SamTemplates.expand("""
                Resources:
                  Topic: {Type: AWS::SNS::Topic, Properties: {FifoTopic: true}}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Note: {Type: SNS, Properties: {Topic: {Ref: Topic}, SqsSubscription: true}}
                """);
        Map<String, Object> queueArn = Map.of("Fn::GetAtt", List.of("FnNoteQueue", "Arn"));
        assertThat(SamTemplates.properties(out, "FnNoteQueue")).isEqualTo(Map.of("FifoQueue", true));
        assertThat(SamTemplates.properties(out, "FnNote")).isEqualTo(Map.of(
                "Protocol", "sqs", "Endpoint", queueArn, "TopicArn", Map.of("Ref", "Topic")));
        assertThat(SamTemplates.properties(out, "FnNoteEventSourceMapping")).isEqualTo(Map.of(
                "FunctionName", FN_NAME, "EventSourceArn", queueArn, "BatchSize", 10, "Enabled", true));
        assertThat(SamTemplates.properties(out, "FnNoteQueuePolicy").get("Queues")).isEqualTo(List.of(Map.of("Ref", "FnNoteQueue")));
        assertThat(out).doesNotContainKey("FnNotePermission");
        assertThat(SamTemplates.managedPolicies(out, "Fn")).contains("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole");
    }

    @Test
    void ruleDeadLetterQueueSamCreatesGetsAPolicyForTheRule() {
        Map<String, Object> out = SamTemplates.expand("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Tick:
                          Type: Schedule
                          Properties: {Schedule: rate(1 minute), DeadLetterConfig: {Type: SQS}}
                """);
        assertThat(out).containsKeys("FnTickQueue", "FnTickQueuePolicy");
        assertThat(SamTemplates.properties(out, "FnTick").get("Targets")).isEqualTo(List.of(Map.of("Arn", FN_ARN,
                "Id", "FnTickLambdaTarget", "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt", List.of("FnTickQueue", "Arn"))))));
        assertThat(SamTemplates.properties(out, "FnTickQueuePolicy").get("Queues")).isEqualTo(List.of(Map.of("Ref", "FnTickQueue")));
    }

    @Test
    void eventsOfAConditionalFunctionShareItsCondition() {
        Map<String, Object> out = SamTemplates.expand("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Condition: IsProd
                    DependsOn: Other
                    Properties:
                      Events:
                        Tick: {Type: Schedule, Properties: {Schedule: rate(1 minute)}}
                """);
        assertThat(SamTemplates.resource(out, "FnTick")).containsEntry("Condition", "IsProd").doesNotContainKey("DependsOn");
        assertThat(SamTemplates.resource(out, "FnTickPermission")).containsEntry("Condition", "IsProd");
    }

    @Test
    void refusesWhatSamRefuses() {
        assertThatThrownBy(() -> SamTemplates.expand(SamTemplates.function("Tick: {Type: Schedule, Properties: {Schedule: rate(1 minute), Enabled: true, State: ENABLED}}")))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification "
                        + "document. Number of errors found: 1. Resource with id [Fn] is invalid. Event with id [Tick] is invalid. "
                        + "State and Enabled Properties cannot both be specified.");
        assertThatThrownBy(() -> SamTemplates.expand(SamTemplates.function("Tick: {Type: Schedule, Properties: {Input: x}}")))
                .hasMessageEndingWith("Resource with id [FnTick] is invalid. Missing required property 'Schedule'.");
        assertThatThrownBy(() -> SamTemplates.expand(SamTemplates.function("Up: {Type: S3, Properties: {Bucket: {Ref: Missing}, Events: 's3:ObjectCreated:*'}}")))
                .hasMessageEndingWith("Event with id [Up] is invalid. S3 events must reference an S3 bucket in the same template.");
        assertThatThrownBy(() -> SamTemplates.expand(SamTemplates.function("X: {Type: Carrier, Properties: {}}")))
                .hasMessageEndingWith("Event with id [X] is invalid. Event type Carrier is not supported.");
        assertThatThrownBy(() -> SamTemplates.expand(SamTemplates.function("Tick: {Type: Schedule, Properties: {Schedule: rate(1 minute), DeadLetterConfig: {}}}")))
                .hasMessageEndingWith("Event with id [FnTick] is invalid. No 'Arn' or 'Type' property provided for DeadLetterConfig.");
    }

}
