package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.GetHookResultResponse;
import software.amazon.awssdk.services.cloudformation.model.HookResultSummary;
import software.amazon.awssdk.services.cloudformation.model.ListHookResultsTargetType;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.slipway.it.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The example Lambda hook ({@code examples/cloudformation-hooks/bucket_versioning.py}, run in
 * Slipway's Lambda) activated by a stack, then asked about change sets and stacks: a bucket
 * without versioning fails the change set in FAIL mode and only warns in WARN mode; a compliant
 * stack creates its bucket for real. Outcomes are read back with ListHookResults, GetHookResult
 * and the stack's events, through the SDK for Java v2 and the AWS CLI.
 */
class StackHooksIT {
    private static final Path HOOK = Path.of("..", "examples", "cloudformation-hooks", "bucket_versioning.py")
            .toAbsolutePath().normalize();
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:bucket-versioning";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CloudFormationClient cfn = slipway.cloudFormation();
    private final S3Client s3 = slipway.s3();

    @BeforeAll
    static void createTheHookFunction(@TempDir Path dir) throws Exception {
        AwsCli.requireCli();
        Path zip = dir.resolve("hook.zip");
        Files.write(zip, Zips.of(Map.of("bucket_versioning.py", Files.readString(HOOK))));
        AwsCli.Result r = AwsCli.at(slipway.endpoint(), "lambda", "create-function", "--function-name", "bucket-versioning",
                "--runtime", "python3.12", "--handler", "bucket_versioning.handler", "--timeout", "30",
                "--role", "arn:aws:iam::000000000000:role/lambda", "--zip-file", "fileb://" + zip);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    /** A stack that activates the example hook with the given failure mode. */
    private void activate(String stack, String alias, String failureMode) {
        cfn.createStack(r -> r.stackName(stack).templateBody("""
                Resources:
                  Hook:
                    Type: AWS::CloudFormation::LambdaHook
                    Properties:
                      Alias: %s
                      LambdaFunction: %s
                      ExecutionRole: arn:aws:iam::000000000000:role/hooks
                      FailureMode: %s
                      HookStatus: ENABLED
                      TargetOperations: [RESOURCE, CHANGE_SET]
                      TargetFilters:
                        Actions: [CREATE, UPDATE]
                Outputs:
                  HookArn:
                    Value: !Ref Hook
                """.formatted(alias, FUNCTION, failureMode)));
        await(() -> cfn.describeStacks(r -> r.stackName(stack)).stacks().getFirst(),
                s -> s.stackStatus() == StackStatus.CREATE_COMPLETE);
    }

    private void deactivate(String stack) {
        cfn.deleteStack(r -> r.stackName(stack));
        await(() -> cfn.listStacks(r -> r.stackStatusFiltersWithStrings("DELETE_COMPLETE")).stackSummaries(),
                l -> l.stream().anyMatch(s -> s.stackName().equals(stack)));
    }

    private static String bucket(String name, boolean versioned) {
        return """
                Resources:
                  Data:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: %s%s
                """.formatted(name, versioned ? "\n      VersioningConfiguration:\n        Status: Enabled" : "");
    }

    @Test
    void failModeStopsAChangeSetAndAStack() {
        activate("guard-fail", "Slipway::Buckets::Versioned", "FAIL");
        try {
            String typeArn = "arn:aws:cloudformation:us-east-1:000000000000:type/hook/Slipway-Buckets-Versioned";
            var created = cfn.createChangeSet(r -> r.stackName("unversioned").changeSetName("try")
                    .changeSetType(ChangeSetType.CREATE).templateBody(bucket("unversioned-data", false)));
            DescribeChangeSetResponse cs = await(() -> cfn.describeChangeSet(r -> r.changeSetName(created.id())),
                    c -> c.status() == ChangeSetStatus.FAILED || c.status() == ChangeSetStatus.CREATE_COMPLETE);
            assertThat(cs.status()).isEqualTo(ChangeSetStatus.FAILED);
            assertThat(cs.statusReason()).isEqualTo(
                    "Change set creation failed. The following hook(s) failed: [Slipway::Buckets::Versioned]");

            List<HookResultSummary> results = cfn.listHookResults(r -> r.targetType(ListHookResultsTargetType.CHANGE_SET)
                    .targetId(created.id())).hookResults();
            assertThat(results).singleElement().satisfies(h -> {
                assertThat(h.statusAsString()).isEqualTo("HOOK_COMPLETE_FAILED");
                assertThat(h.failureModeAsString()).isEqualTo("FAIL");
                assertThat(h.typeName()).isEqualTo("Slipway::Buckets::Versioned");
                assertThat(h.hookStatusReason()).contains("Bucket Data must have VersioningConfiguration.Status Enabled");
            });
            GetHookResultResponse one = cfn.getHookResult(r -> r.hookResultId(results.getFirst().hookResultId()));
            assertThat(one.typeArn()).isEqualTo(typeArn);
            assertThat(one.invocationPointAsString()).isEqualTo("PRE_PROVISION");

            // the same bucket as a stack: the RESOURCE hook stops its creation
            cfn.createStack(r -> r.stackName("unversioned-stack").templateBody(bucket("unversioned-stack-data", false)));
            var stack = await(() -> cfn.describeStacks(r -> r.stackName("unversioned-stack")).stacks().getFirst(),
                    s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"));
            assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
            List<StackEvent> events = cfn.describeStackEvents(r -> r.stackName("unversioned-stack")).stackEvents();
            assertThat(events).anySatisfy(e -> {
                assertThat(e.logicalResourceId()).isEqualTo("Data");
                assertThat(e.hookType()).isEqualTo("Slipway::Buckets::Versioned");
                assertThat(e.hookStatusAsString()).isEqualTo("HOOK_COMPLETE_FAILED");
                assertThat(e.hookFailureModeAsString()).isEqualTo("FAIL");
                assertThat(e.hookInvocationPointAsString()).isEqualTo("PRE_PROVISION");
                assertThat(e.hookInvocationId()).isNotBlank();
            });
            assertThat(events).anySatisfy(e -> {
                assertThat(e.logicalResourceId()).isEqualTo("Data");
                assertThat(e.resourceStatusAsString()).isEqualTo("CREATE_FAILED");
                assertThat(e.resourceStatusReason()).isEqualTo("The following hook(s) failed: [Slipway::Buckets::Versioned]");
            });
            assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("unversioned-stack-data")))
                    .isInstanceOf(NoSuchBucketException.class);

            // a compliant stack passes the hook and creates its bucket for real
            cfn.createStack(r -> r.stackName("versioned").templateBody(bucket("versioned-data", true)));
            await(() -> cfn.describeStacks(r -> r.stackName("versioned")).stacks().getFirst(),
                    s -> s.stackStatus() == StackStatus.CREATE_COMPLETE);
            assertThat(s3.getBucketVersioning(r -> r.bucket("versioned-data")).statusAsString()).isEqualTo("Enabled");
            assertThat(cfn.describeStackEvents(r -> r.stackName("versioned")).stackEvents()).anySatisfy(e -> {
                assertThat(e.hookStatusAsString()).isEqualTo("HOOK_COMPLETE_SUCCEEDED");
                assertThat(e.hookStatusReason()).isEqualTo("Every bucket has versioning enabled");
            });

            AwsCli.Result cli = AwsCli.at(slipway.endpoint(), "cloudformation", "list-hook-results", "--type-arn", typeArn,
                    "--status", "HOOK_COMPLETE_SUCCEEDED");
            assertThat(cli.exitCode()).as(cli.stderr()).isZero();
            assertThat(cli.stdout()).contains("\"Status\": \"HOOK_COMPLETE_SUCCEEDED\"").doesNotContain("HOOK_COMPLETE_FAILED");
        } finally {
            deactivate("guard-fail");
        }
    }

    @Test
    void warnModeLetsAChangeSetThroughWithAFailedResult() {
        activate("guard-warn", "Slipway::Buckets::Warned", "WARN");
        try {
            var created = cfn.createChangeSet(r -> r.stackName("warned").changeSetName("try")
                    .changeSetType(ChangeSetType.CREATE).templateBody(bucket("warned-data", false)));
            DescribeChangeSetResponse cs = await(() -> cfn.describeChangeSet(r -> r.changeSetName(created.id())),
                    c -> c.status() == ChangeSetStatus.FAILED || c.status() == ChangeSetStatus.CREATE_COMPLETE);
            assertThat(cs.status()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
            assertThat(cfn.listHookResults(r -> r.targetType(ListHookResultsTargetType.CHANGE_SET).targetId(created.id()))
                    .hookResults()).singleElement().satisfies(h -> {
                        assertThat(h.statusAsString()).isEqualTo("HOOK_COMPLETE_FAILED");
                        assertThat(h.failureModeAsString()).isEqualTo("WARN");
                    });
            var planned = cfn.describeChangeSetHooks(r -> r.changeSetName(created.id()));
            assertThat(planned.statusAsString()).isEqualTo("PLANNED");
            assertThat(planned.hooks()).singleElement().satisfies(h -> {
                assertThat(h.typeName()).isEqualTo("Slipway::Buckets::Warned");
                assertThat(h.failureModeAsString()).isEqualTo("WARN");
                assertThat(h.invocationPointAsString()).isEqualTo("PRE_PROVISION");
                assertThat(h.targetDetails().resourceTargetDetails().logicalResourceId()).isEqualTo("Data");
                assertThat(h.targetDetails().resourceTargetDetails().resourceActionAsString()).isEqualTo("Add");
            });
            assertThat(cfn.describeChangeSetHooks(r -> r.changeSetName(created.id()).logicalResourceId("Other")).hooks())
                    .isEmpty();
            cfn.executeChangeSet(r -> r.changeSetName(created.id()));
            await(() -> cfn.describeStacks(r -> r.stackName("warned")).stacks().getFirst(),
                    s -> s.stackStatus() == StackStatus.CREATE_COMPLETE);
            s3.headBucket(r -> r.bucket("warned-data"));
        } finally {
            deactivate("guard-warn");
        }
    }
}
