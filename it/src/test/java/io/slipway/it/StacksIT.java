package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.ExecutionStatus;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.slipway.it.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stacks that create, update and delete real resources in Slipway's own services, driven through
 * the SDK for Java v2: statuses and events as CloudFormation emits them, rollback, change sets,
 * and the errors for bad input.
 */
class StacksIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CloudFormationClient cfn = slipway.cloudFormation();
    private final S3Client s3 = slipway.s3();

    static final String BUCKETS = """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: two buckets
            Parameters:
              Suffix:
                Type: String
                AllowedPattern: "[a-z0-9-]+"
            Resources:
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "logs-${Suffix}"
              Site:
                Type: AWS::S3::Bucket
                DependsOn: Logs
                Properties:
                  VersioningConfiguration:
                    Status: Enabled
            Outputs:
              LogsArn:
                Value: !GetAtt Logs.Arn
                Export:
                  Name: !Sub "${AWS::StackName}-logs"
              SiteName:
                Value: !Ref Site
            """;

    @Test
    void aStackCreatesItsBucketsForRealAndDeletesThem() {
        String id = cfn.createStack(r -> r.stackName("site").templateBody(BUCKETS)
                .parameters(Parameter.builder().parameterKey("Suffix").parameterValue("a1").build())).stackId();
        assertThat(id).matches("arn:aws:cloudformation:us-east-1:000000000000:stack/site/[-0-9a-f]+");
        Stack stack = awaitStatus("site", StackStatus.CREATE_COMPLETE);
        Map<String, String> outputs = stack.outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
        assertThat(outputs).containsEntry("LogsArn", "arn:aws:s3:::logs-a1");
        String site = outputs.get("SiteName");
        assertThat(site).startsWith("site-site-");
        s3.headBucket(r -> r.bucket("logs-a1"));
        assertThat(s3.getBucketVersioning(r -> r.bucket(site)).statusAsString()).isEqualTo("Enabled");
        assertThat(cfn.listExports(r -> { }).exports()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("site-logs");
            assertThat(e.exportingStackId()).isEqualTo(id);
        });

        List<StackResource> resources = cfn.describeStackResources(r -> r.stackName("site")).stackResources();
        assertThat(resources).extracting(StackResource::logicalResourceId).containsExactlyInAnyOrder("Logs", "Site");
        assertThat(resources).allSatisfy(x -> assertThat(x.resourceStatus()).isEqualTo(ResourceStatus.CREATE_COMPLETE));
        // newest first; Logs before Site because Site depends on it
        List<String> events = cfn.describeStackEvents(r -> r.stackName("site")).stackEvents().reversed().stream()
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString()
                        + (e.resourceStatusReason() == null ? "" : " " + e.resourceStatusReason())).toList();
        assertThat(events).containsExactly("site CREATE_IN_PROGRESS User Initiated", "Logs CREATE_IN_PROGRESS",
                "Logs CREATE_IN_PROGRESS Resource creation Initiated", "Logs CREATE_COMPLETE", "Site CREATE_IN_PROGRESS",
                "Site CREATE_IN_PROGRESS Resource creation Initiated", "Site CREATE_COMPLETE", "site CREATE_COMPLETE");
        assertThat(cfn.getTemplate(r -> r.stackName("site")).templateBody()).isEqualTo(BUCKETS);

        cfn.deleteStack(r -> r.stackName("site"));
        Stack deleted = await(() -> cfn.describeStacks(r -> r.stackName(id)).stacks().getFirst(),
                s -> s.stackStatus() == StackStatus.DELETE_COMPLETE);
        assertThat(deleted.deletionTime()).isNotNull();
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("logs-a1"))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> cfn.describeStacks(r -> r.stackName("site")))
                .satisfies(e -> assertValidation(e, "Stack with id site does not exist"));
        assertThat(cfn.listStacks(r -> r.stackStatusFiltersWithStrings("DELETE_COMPLETE")).stackSummaries())
                .anySatisfy(s -> assertThat(s.stackId()).isEqualTo(id));
        cfn.deleteStack(r -> r.stackName("site")); // already gone: still a success, as on AWS
    }

    @Test
    void aResourceWithBadPropertiesRollsTheStackBack() {
        cfn.createStack(r -> r.stackName("network").templateBody("""
                {"Resources": {
                  "Assets": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "network-assets"}},
                  "Vpc": {"Type": "AWS::EC2::VPC", "DependsOn": "Assets", "Properties": {"CidrBlock": {"Cidr": "10.0.0.0/16"}}}}}
                """));
        Stack stack = awaitStatus("network", StackStatus.ROLLBACK_COMPLETE);
        assertThat(stack.stackStatusReason()).isNull();
        List<StackEvent> events = cfn.describeStackEvents(r -> r.stackName("network")).stackEvents();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.logicalResourceId()).isEqualTo("Vpc");
            assertThat(e.resourceStatus()).isEqualTo(ResourceStatus.CREATE_FAILED);
            assertThat(e.resourceStatusReason()).isEqualTo("Properties validation failed for resource Vpc with message: "
                    + "[#/CidrBlock: expected type: String, found: JSONObject]");
            assertThat(e.detailedStatusAsString()).isEqualTo("VALIDATION_FAILED");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.logicalResourceId()).isEqualTo("network");
            assertThat(e.resourceStatus()).isEqualTo(ResourceStatus.ROLLBACK_IN_PROGRESS);
            assertThat(e.resourceStatusReason()).isEqualTo(
                    "The following resource(s) failed to create: [Vpc]. Rollback requested by user.");
        });
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("network-assets"))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> cfn.updateStack(r -> r.stackName("network").usePreviousTemplate(true)))
                .satisfies(e -> assertValidation(e, "is in ROLLBACK_COMPLETE state and can not be updated."));
    }

    @Test
    void disableRollbackKeepsWhatWasCreated() {
        cfn.createStack(r -> r.stackName("kept").disableRollback(true).templateBody("""
                {"Resources": {
                  "Assets": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "kept-assets"}},
                  "Vpc": {"Type": "AWS::EC2::VPC", "DependsOn": "Assets", "Properties": {"CidrBlok": "10.0.0.0/16"}}}}
                """));
        Stack stack = awaitStatus("kept", StackStatus.CREATE_FAILED);
        assertThat(stack.stackStatusReason()).isEqualTo("The following resource(s) failed to create: [Vpc]. ");
        s3.headBucket(r -> r.bucket("kept-assets"));
    }

    @Test
    void anUpdateAddsChangesAndRemovesResources() {
        cfn.createStack(r -> r.stackName("grow").templateBody("""
                {"Resources": {
                  "A": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "grow-a"}},
                  "B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "grow-b"}}}}
                """));
        awaitStatus("grow", StackStatus.CREATE_COMPLETE);
        assertThatThrownBy(() -> cfn.updateStack(r -> r.stackName("grow").usePreviousTemplate(true)))
                .satisfies(e -> assertValidation(e, "No updates are to be performed."));
        cfn.updateStack(r -> r.stackName("grow").templateBody("""
                {"Resources": {
                  "A": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "grow-a",
                        "VersioningConfiguration": {"Status": "Enabled"}}},
                  "C": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "grow-c"}}}}
                """));
        awaitStatus("grow", StackStatus.UPDATE_COMPLETE);
        assertThat(s3.getBucketVersioning(r -> r.bucket("grow-a")).statusAsString()).isEqualTo("Enabled");
        s3.headBucket(r -> r.bucket("grow-c"));
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("grow-b"))).isInstanceOf(NoSuchBucketException.class);
        assertThat(statuses("grow")).contains("grow UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "B DELETE_COMPLETE",
                "A UPDATE_COMPLETE", "C CREATE_COMPLETE");
        // B's events stay, but once the update is over it is no longer one of the stack's resources
        assertThat(cfn.listStackResources(r -> r.stackName("grow")).stackResourceSummaries())
                .extracting(s -> s.logicalResourceId() + " " + s.resourceStatusAsString())
                .containsExactlyInAnyOrder("A UPDATE_COMPLETE", "C CREATE_COMPLETE");
        assertThat(cfn.describeStackResources(r -> r.stackName("grow")).stackResources())
                .extracting(s -> s.logicalResourceId()).containsExactlyInAnyOrder("A", "C");
        assertThatThrownBy(() -> cfn.describeStackResource(r -> r.stackName("grow").logicalResourceId("B")))
                .satisfies(e -> assertValidation(e, "Resource B does not exist for stack grow"));
    }

    @Test
    void numbersAndAResourceAddedBackUpdateOnlyWhatChanged() {
        String function = """
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: python3.12
                      Handler: index.handler
                      Role: arn:aws:iam::000000000000:role/lambda
                      Timeout: 30
                      MemorySize: 256
                      Description: %s
                      Code:
                        ZipFile: |
                          def handler(event, context):
                              return {}
                """;
        String bucket = """
                  B:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: readd-b
                """;
        cfn.createStack(r -> r.stackName("readd").templateBody("Resources:\n" + function.formatted("one") + bucket));
        awaitStatus("readd", StackStatus.CREATE_COMPLETE);
        cfn.updateStack(r -> r.stackName("readd").templateBody("Resources:\n" + function.formatted("two")));
        awaitStatus("readd", StackStatus.UPDATE_COMPLETE);
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("readd-b"))).isInstanceOf(NoSuchBucketException.class);
        cfn.updateStack(r -> r.stackName("readd").templateBody("Resources:\n" + function.formatted("two") + bucket));
        awaitStatus("readd", StackStatus.UPDATE_COMPLETE);
        s3.headBucket(r -> r.bucket("readd-b"));
        // the function changed once (its description); its numbers never made it look changed
        assertThat(statuses("readd").stream().filter(e -> e.equals("Fn UPDATE_COMPLETE"))).hasSize(1);
        assertThat(slipway.lambda().getFunctionConfiguration(r -> r.functionName(
                cfn.describeStackResource(x -> x.stackName("readd").logicalResourceId("Fn")).stackResourceDetail()
                        .physicalResourceId())).description()).isEqualTo("two");
    }

    @Test
    void aChangeSetCreatesAStackWhenExecuted() {
        var created = cfn.createChangeSet(r -> r.stackName("planned").changeSetName("first")
                .changeSetType(ChangeSetType.CREATE).templateBody(
                        "{\"Resources\": {\"Data\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": \"planned-data\"}}}}"));
        assertThat(created.id()).startsWith("arn:aws:cloudformation:us-east-1:000000000000:changeSet/first/");
        assertThat(cfn.describeStacks(r -> r.stackName("planned")).stacks().getFirst().stackStatus())
                .isEqualTo(StackStatus.REVIEW_IN_PROGRESS);
        var described = await(() -> cfn.describeChangeSet(r -> r.changeSetName("first").stackName("planned")),
                cs -> cs.status() == ChangeSetStatus.CREATE_COMPLETE);
        assertThat(described.executionStatus()).isEqualTo(ExecutionStatus.AVAILABLE);
        assertThat(described.changes()).singleElement().satisfies(c -> {
            assertThat(c.resourceChange().actionAsString()).isEqualTo("Add");
            assertThat(c.resourceChange().logicalResourceId()).isEqualTo("Data");
        });
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("planned-data"))).isInstanceOf(NoSuchBucketException.class);
        cfn.createChangeSet(r -> r.stackName("planned").changeSetName("alternative").changeSetType(ChangeSetType.CREATE)
                .templateBody("{\"Resources\": {\"Other\": {\"Type\": \"AWS::S3::Bucket\"}}}"));
        assertThat(cfn.listChangeSets(r -> r.stackName("planned")).summaries()).hasSize(2);
        cfn.executeChangeSet(r -> r.changeSetName(created.id()));
        awaitStatus("planned", StackStatus.CREATE_COMPLETE);
        // executing a change set removes the stack's other change sets, as AWS does
        assertThat(cfn.listChangeSets(r -> r.stackName("planned")).summaries())
                .extracting(c -> c.changeSetName()).containsExactly("first");
        s3.headBucket(r -> r.bucket("planned-data"));
        assertThat(cfn.describeChangeSet(r -> r.changeSetName(created.id())).executionStatus())
                .isEqualTo(ExecutionStatus.EXECUTE_COMPLETE);
        assertThatThrownBy(() -> cfn.executeChangeSet(r -> r.changeSetName(created.id())))
                .isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidChangeSetStatus"));
        var same = cfn.createChangeSet(r -> r.stackName("planned").changeSetName("nothing").usePreviousTemplate(true));
        var failed = await(() -> cfn.describeChangeSet(r -> r.changeSetName(same.id())), cs -> cs.status() == ChangeSetStatus.FAILED);
        assertThat(failed.statusReason()).isEqualTo("The submitted information didn't contain changes. "
                + "Submit different information to create a change set.");
        assertThatThrownBy(() -> cfn.describeChangeSet(r -> r.changeSetName("missing").stackName("planned")))
                .isInstanceOf(ChangeSetNotFoundException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(404));
    }

    @Test
    void aDeletedStacksChangeSetsGoWithItAndCannotBringItBack() {
        String handle = "{\"Resources\": {\"H\": {\"Type\": \"AWS::CloudFormation::WaitConditionHandle\"}}}";
        String id = cfn.createStack(r -> r.stackName("gone").templateBody(handle)).stackId();
        awaitStatus("gone", StackStatus.CREATE_COMPLETE);
        String changeSet = cfn.createChangeSet(r -> r.stackName("gone").changeSetName("later").templateBody(
                handle.replace("}}}", "}, \"I\": {\"Type\": \"AWS::CloudFormation::WaitConditionHandle\"}}}"))).id();
        slipway.awaitIdle();
        cfn.deleteStack(r -> r.stackName("gone"));
        slipway.awaitIdle();

        assertThatThrownBy(() -> cfn.describeChangeSet(r -> r.changeSetName(changeSet))).isInstanceOf(ChangeSetNotFoundException.class);
        assertThatThrownBy(() -> cfn.executeChangeSet(r -> r.changeSetName(changeSet))).isInstanceOf(ChangeSetNotFoundException.class);
        slipway.awaitIdle();
        assertThat(cfn.describeStacks(r -> r.stackName(id)).stacks().getFirst().stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
    }

    @Test
    void badInputGetsCloudFormationsAnswers() {
        String resources = "{\"X\": {\"Type\": \"AWS::CloudFormation::WaitConditionHandle\"}}";
        String template = "{\"Resources\": " + resources + "}";
        cfn.createStack(r -> r.stackName("twice").templateBody(template));
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("twice").templateBody(template)))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("Stack [twice] already exists");
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("nobody")))
                .satisfies(e -> assertValidation(e, "Either Template URL or Template Body must be specified."));
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("broken").templateBody("{\"Resources\": ")))
                .satisfies(e -> assertValidation(e, "Template format error"));
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("empty").templateBody("{\"Resources\": {}}")))
                .satisfies(e -> assertValidation(e, "Template format error: At least one Resources member must be defined."));
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("params").templateBody(
                "{\"Parameters\": {\"Name\": {\"Type\": \"String\"}}, \"Resources\": " + resources + "}")))
                .satisfies(e -> assertValidation(e, "Parameters: [Name] must have values"));
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("iam").templateBody(
                "{\"Resources\": {\"Role\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {}}}}")))
                .isInstanceOf(InsufficientCapabilitiesException.class)
                .hasMessageContaining("Requires capabilities : [CAPABILITY_IAM]");
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("bad name!").templateBody(template)))
                .isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> cfn.describeStacks(r -> r.stackName("nowhere")))
                .satisfies(e -> assertValidation(e, "Stack with id nowhere does not exist"));
        assertThat(cfn.validateTemplate(r -> r.templateBody(
                "{\"Description\": \"d\", \"Parameters\": {\"P\": {\"Type\": \"String\", \"NoEcho\": true}}, \"Resources\": "
                        + resources + "}")).parameters())
                .singleElement().satisfies(p -> assertThat(p.noEcho()).isTrue());
        assertThat(cfn.createStack(r -> r.stackName("iam-ok").capabilities(Capability.CAPABILITY_IAM).templateBody(
                "{\"Resources\": {\"Role\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {}}}}")).stackId()).isNotBlank();
    }

    @Test
    void theCliCreatesDescribesAndDeletesAStack() {
        AwsCli.requireCli();
        AwsCli.Result created = AwsCli.at(slipway.endpoint(), "cloudformation", "create-stack", "--stack-name", "cli",
                "--template-body", BUCKETS, "--parameters", "ParameterKey=Suffix,ParameterValue=cli");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.stdout()).contains("\"StackId\": \"arn:aws:cloudformation:us-east-1:000000000000:stack/cli/");
        awaitStatus("cli", StackStatus.CREATE_COMPLETE);
        AwsCli.Result described = AwsCli.at(slipway.endpoint(), "cloudformation", "describe-stacks", "--stack-name", "cli");
        assertThat(described.stdout()).contains("\"StackStatus\": \"CREATE_COMPLETE\"", "\"OutputKey\": \"LogsArn\"",
                "\"OutputValue\": \"arn:aws:s3:::logs-cli\"");
        AwsCli.Result resources = AwsCli.at(slipway.endpoint(), "cloudformation", "list-stack-resources", "--stack-name", "cli");
        assertThat(resources.stdout()).contains("\"LogicalResourceId\": \"Logs\"", "\"PhysicalResourceId\": \"logs-cli\"");
        AwsCli.Result missing = AwsCli.at(slipway.endpoint(), "cloudformation", "describe-stacks", "--stack-name", "nope");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("ValidationError").contains("Stack with id nope does not exist");
        assertThat(AwsCli.at(slipway.endpoint(), "cloudformation", "delete-stack", "--stack-name", "cli").exitCode()).isZero();
        await(() -> cfn.listStacks(r -> r.stackStatusFiltersWithStrings("DELETE_COMPLETE")).stackSummaries(),
                l -> l.stream().anyMatch(x -> x.stackName().equals("cli")));
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("logs-cli"))).isInstanceOf(NoSuchBucketException.class);
    }

    // ---- helpers ----

    private List<String> statuses(String stack) {
        return cfn.describeStackEvents(r -> r.stackName(stack)).stackEvents().stream()
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString()).toList();
    }

    Stack awaitStatus(String stack, StackStatus status) {
        Stack s = await(() -> cfn.describeStacks(r -> r.stackName(stack)).stacks().getFirst(),
                x -> !x.stackStatusAsString().endsWith("_IN_PROGRESS"));
        assertThat(s.stackStatus()).as(s.stackStatusReason() + " " + statuses(stack)).isEqualTo(status);
        return s;
    }


    static void assertValidation(Throwable e, String message) {
        assertThat(e).isInstanceOf(AwsServiceException.class);
        AwsServiceException aws = (AwsServiceException) e;
        assertThat(aws.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(aws.statusCode()).isEqualTo(400);
        assertThat(aws.awsErrorDetails().errorMessage()).contains(message);
    }
}
