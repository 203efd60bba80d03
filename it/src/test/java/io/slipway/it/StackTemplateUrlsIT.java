package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TemplateURL: templates read from Slipway's S3 in the caller's account, named in the URL forms AWS
 * accepts (path style and virtual-host style, AWS's hosts and Slipway's own); another account's
 * bucket is S3's Access Denied, a URL outside S3 is refused.
 */
class StackTemplateUrlsIT {
    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private static final String TEMPLATE = """
            Description: from S3
            Parameters:
              Name:
                Type: String
                Default: first
            Resources:
              Handle:
                Type: AWS::CloudFormation::WaitConditionHandle
            Outputs:
              Name:
                Value: !Ref Name
            """;
    private final CloudFormationClient cfn = slipway.cloudFormation(OWNER, "us-east-1");
    private final CloudFormationClient other = slipway.cloudFormation(OTHER, "us-east-1");

    @BeforeAll
    static void templates() {
        S3Client s3 = slipway.s3(OWNER);
        s3.createBucket(r -> r.bucket("owner-templates"));
        s3.putObject(r -> r.bucket("owner-templates").key("dir/stack v1.yaml"), RequestBody.fromString(TEMPLATE));
        s3.putObject(r -> r.bucket("owner-templates").key("big.json"),
                RequestBody.fromString("{\"Resources\":{\"H\":{\"Type\":\"AWS::CloudFormation::WaitConditionHandle\"}},"
                        + "\"Description\":\"" + "x".repeat(1_000_001) + "\"}"));
    }

    @Test
    void everyUrlFormAWSAcceptsReadsTheTemplateFromSlipwaysS3() {
        String port = slipway.endpoint().substring(slipway.endpoint().lastIndexOf(':') + 1);
        List<String> urls = List.of(
                slipway.endpoint() + "/owner-templates/dir/stack%20v1.yaml",
                "https://s3.amazonaws.com/owner-templates/dir/stack%20v1.yaml",
                "https://s3.us-east-1.amazonaws.com/owner-templates/dir/stack%20v1.yaml",
                "https://s3-eu-west-1.amazonaws.com/owner-templates/dir/stack%20v1.yaml",
                "https://owner-templates.s3.amazonaws.com/dir/stack%20v1.yaml",
                "https://owner-templates.s3.us-east-1.amazonaws.com/dir/stack%20v1.yaml",
                "http://owner-templates.localhost:" + port + "/dir/stack%20v1.yaml");
        for (String url : urls) {
            var summary = cfn.getTemplateSummary(r -> r.templateURL(url));
            assertThat(summary.description()).as(url).isEqualTo("from S3");
            assertThat(cfn.validateTemplate(r -> r.templateURL(url)).parameters()).as(url).hasSize(1);
        }
    }

    @Test
    void createUpdateAndChangeSetsTakeATemplateUrl() {
        String url = "https://owner-templates.s3.amazonaws.com/dir/stack%20v1.yaml";
        cfn.createStack(r -> r.stackName("from-url").templateURL(url));
        assertThat(await("from-url").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(cfn.getTemplate(r -> r.stackName("from-url")).templateBody()).isEqualTo(TEMPLATE);
        // drift detection has not run: everything shows NOT_CHECKED, as AWS shows it before a first detection
        assertThat(cfn.describeStacks(r -> r.stackName("from-url")).stacks().getFirst().driftInformation()
                .stackDriftStatusAsString()).isEqualTo("NOT_CHECKED");
        assertThat(cfn.listStacks(r -> { }).stackSummaries().getFirst().driftInformation().stackDriftStatusAsString())
                .isEqualTo("NOT_CHECKED");
        assertThat(cfn.describeStackResources(r -> r.stackName("from-url")).stackResources().getFirst().driftInformation()
                .stackResourceDriftStatusAsString()).isEqualTo("NOT_CHECKED");
        assertThat(cfn.describeStackResource(r -> r.stackName("from-url").logicalResourceId("Handle")).stackResourceDetail()
                .driftInformation().stackResourceDriftStatusAsString()).isEqualTo("NOT_CHECKED");
        var summary = cfn.listStackResources(r -> r.stackName("from-url")).stackResourceSummaries().getFirst();
        assertThat(summary.driftInformation().stackResourceDriftStatusAsString()).isEqualTo("NOT_CHECKED");
        assertThat(summary.moduleInfo()).isNull();
        cfn.updateStack(r -> r.stackName("from-url").templateURL(url)
                .parameters(p -> p.parameterKey("Name").parameterValue("second")));
        var updated = await("from-url");
        assertThat(updated.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(updated.outputs().getFirst().outputValue()).isEqualTo("second");
        cfn.createChangeSet(r -> r.stackName("from-url-cs").changeSetName("first").changeSetType(ChangeSetType.CREATE)
                .templateURL(url));
        Eventually.await(() -> cfn.describeChangeSet(r -> r.stackName("from-url-cs").changeSetName("first")),
                cs -> cs.statusAsString().equals("CREATE_COMPLETE"));
        cfn.deleteStack(r -> r.stackName("from-url"));
        cfn.deleteStack(r -> r.stackName("from-url-cs"));
    }

    @Test
    void anotherAccountsBucketIsAccessDenied() {
        String url = "https://owner-templates.s3.amazonaws.com/dir/stack%20v1.yaml";
        invalid(() -> other.createStack(r -> r.stackName("stolen").templateURL(url)), "S3 error: Access Denied");
        invalid(() -> other.validateTemplate(r -> r.templateURL(url)), "S3 error: Access Denied");
        invalid(() -> other.getTemplateSummary(r -> r.templateURL(url)), "S3 error: Access Denied");
        invalid(() -> other.createChangeSet(r -> r.stackName("stolen").changeSetName("c")
                .changeSetType(ChangeSetType.CREATE).templateURL(url)), "S3 error: Access Denied");
        assertThat(other.listStacks(r -> { }).stackSummaries()).isEmpty();
    }

    @Test
    void badUrlsAndMissingObjectsAreValidationErrors() {
        invalid(() -> cfn.validateTemplate(r -> r.templateURL("https://example.com/owner-templates/t.yaml")),
                "TemplateURL must be a supported URL.");
        invalid(() -> cfn.validateTemplate(r -> r.templateURL("ftp://s3.amazonaws.com/owner-templates/t.yaml")),
                "TemplateURL must be a supported URL.");
        invalid(() -> cfn.validateTemplate(r -> r.templateURL("https://s3.amazonaws.com/owner-templates")),
                "TemplateURL must be a supported URL.");
        invalid(() -> cfn.validateTemplate(r -> r.templateURL("https://s3.amazonaws.com/owner-templates/missing.yaml")),
                "S3 error: The specified key does not exist.");
        invalid(() -> cfn.validateTemplate(r -> r.templateURL("https://s3.amazonaws.com/owner-templates/big.json")),
                "Template may not exceed 1000000 bytes in size.");
        invalid(() -> cfn.validateTemplate(r -> r.templateURL("https://s3.amazonaws.com/owner-templates/big.json")
                .templateBody(TEMPLATE)), "Specify exactly one of TemplateBody or TemplateUrl.");
        invalid(() -> cfn.createStack(r -> r.stackName("none")), "Either Template URL or Template Body must be specified.");
    }

    private static void invalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CloudFormationException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private software.amazon.awssdk.services.cloudformation.model.Stack await(String name) {
        return Eventually.await(() -> cfn.describeStacks(r -> r.stackName(name)).stacks().getFirst(),
                s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"));
    }
}
