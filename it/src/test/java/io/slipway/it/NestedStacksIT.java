package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nested stacks ({@code AWS::CloudFormation::Stack}) with templates in Slipway's S3: children named
 * after their parent with ParentId and RootId, outputs flowing from one child to the next and up to
 * the parent, an update that reaches the children, a failing child that rolls its parent back, and a
 * delete that takes the tree with it.
 */
class NestedStacksIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CloudFormationClient cfn = slipway.cloudFormation();

    static final String NAMER = """
            Parameters:
              Prefix: {Type: String}
            Resources:
              Handle: {Type: AWS::CloudFormation::WaitConditionHandle}
            Outputs:
              Name: {Value: !Sub "${Prefix}-named"}
            """;
    static final String ECHO = """
            Parameters:
              Input: {Type: String}
            Resources:
              Handle: {Type: AWS::CloudFormation::WaitConditionHandle}
            Outputs:
              Echo: {Value: !Sub "echo ${Input}"}
            """;
    static final String BROKEN = """
            Resources:
              Handle: {Type: AWS::CloudFormation::WaitConditionHandle}
              Bad:
                Type: AWS::S3::Bucket
                DependsOn: Handle
                Properties:
                  BucketName: Not_A_Valid_Bucket_Name
            """;

    static String parent(String prefix, boolean broken) {
        String base = slipway.endpoint() + "/nested-templates/";
        return """
                Parameters:
                  Prefix: {Type: String, Default: %s}
                Resources:
                  Namer:
                    Type: AWS::CloudFormation::Stack
                    Properties:
                      TemplateURL: %snamer.yaml
                      TimeoutInMinutes: 10
                      Parameters:
                        Prefix: !Ref Prefix
                  Echo:
                    Type: AWS::CloudFormation::Stack
                    Properties:
                      TemplateURL: https://nested-templates.s3.amazonaws.com/echo.yaml
                      Parameters:
                        Input: !GetAtt Namer.Outputs.Name
                %s
                Outputs:
                  NamerId: {Value: !Ref Namer}
                  Echoed: {Value: !GetAtt Echo.Outputs.Echo}
                """.formatted(prefix, base, broken ? """
                  Broken:
                    Type: AWS::CloudFormation::Stack
                    DependsOn: Echo
                    Properties:
                      TemplateURL: %sbroken.yaml
                """.formatted(base) : "");
    }

    @BeforeAll
    static void templates() {
        var s3 = slipway.s3();
        s3.createBucket(r -> r.bucket("nested-templates"));
        s3.putObject(r -> r.bucket("nested-templates").key("namer.yaml"), RequestBody.fromString(NAMER));
        s3.putObject(r -> r.bucket("nested-templates").key("echo.yaml"), RequestBody.fromString(ECHO));
        s3.putObject(r -> r.bucket("nested-templates").key("broken.yaml"), RequestBody.fromString(BROKEN));
    }

    @Test
    void aTreeCreatesPassesOutputsUpdatesAndDeletes() {
        String parentId = cfn.createStack(r -> r.stackName("tree").templateBody(parent("first", false))).stackId();
        Stack parent = await("tree");
        assertThat(parent.stackStatus()).as(parent.stackStatusReason()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(outputs(parent)).containsEntry("Echoed", "echo first-named");
        String namerId = outputs(parent).get("NamerId");
        assertThat(namerId).matches("arn:aws:cloudformation:us-east-1:000000000000:stack/tree-Namer-[A-Z0-9]{13}/[-0-9a-f]+");
        Stack namer = cfn.describeStacks(r -> r.stackName(namerId)).stacks().getFirst();
        assertThat(namer.parentId()).isEqualTo(parentId);
        assertThat(namer.rootId()).isEqualTo(parentId);
        assertThat(namer.timeoutInMinutes()).isEqualTo(10);
        assertThat(namer.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        List<StackResourceSummary> resources = cfn.listStackResources(r -> r.stackName("tree")).stackResourceSummaries();
        assertThat(resources).extracting(StackResourceSummary::physicalResourceId).contains(namerId);
        assertThat(cfn.listStacks(r -> { }).stackSummaries()).filteredOn(s -> s.stackId().equals(namerId))
                .allSatisfy(s -> assertThat(s.parentId()).isEqualTo(parentId));

        cfn.updateStack(r -> r.stackName("tree").usePreviousTemplate(true)
                .parameters(p -> p.parameterKey("Prefix").parameterValue("second")));
        Stack updated = await("tree");
        assertThat(updated.stackStatus()).as(updated.stackStatusReason()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(outputs(updated)).containsEntry("Echoed", "echo second-named").containsEntry("NamerId", namerId);
        assertThat(cfn.describeStacks(r -> r.stackName(namerId)).stacks().getFirst().stackStatus())
                .isEqualTo(StackStatus.UPDATE_COMPLETE);

        cfn.deleteStack(r -> r.stackName("tree"));
        assertThat(await(parentId).stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThat(cfn.describeStacks(r -> r.stackName(namerId)).stacks().getFirst().stackStatus())
                .isEqualTo(StackStatus.DELETE_COMPLETE);
    }

    @Test
    void aFailingChildRollsTheParentBack() {
        String parentId = cfn.createStack(r -> r.stackName("broken-tree").templateBody(parent("third", true))).stackId();
        Stack parent = await("broken-tree");
        assertThat(parent.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        List<StackEvent> events = cfn.describeStackEvents(r -> r.stackName(parentId)).stackEvents();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.logicalResourceId()).isEqualTo("Broken");
            assertThat(e.resourceStatus()).isEqualTo(ResourceStatus.CREATE_FAILED);
            assertThat(e.resourceStatusReason()).startsWith("Embedded stack arn:aws:cloudformation:us-east-1:000000000000:"
                    + "stack/broken-tree-Broken-").contains("was not successfully created: The following resource(s) failed"
                    + " to create: [Bad].");
        });
        // the rollback deleted every child, the good ones too
        Map<String, String> children = cfn.listStacks(r -> { }).stackSummaries().stream()
                .filter(s -> parentId.equals(s.parentId()))
                .collect(Collectors.toMap(s -> s.stackName(), s -> s.stackStatusAsString(), (a, b) -> a));
        assertThat(children).hasSize(3).allSatisfy((name, status) -> assertThat(status).isEqualTo("DELETE_COMPLETE"));
    }

    @Test
    void aTemplateUrlInAnotherAccountsBucketFailsTheResource() {
        String other = "https://nested-templates.s3.amazonaws.com/namer.yaml";
        CloudFormationClient stranger = slipway.cloudFormation("222222222222", "us-east-1");
        stranger.createStack(r -> r.stackName("stranger").templateBody("""
                Resources:
                  Child:
                    Type: AWS::CloudFormation::Stack
                    Properties:
                      TemplateURL: %s
                      Parameters: {Prefix: x}
                """.formatted(other)));
        Stack stack = Eventually.await(() -> stranger.describeStacks(r -> r.stackName("stranger")).stacks().getFirst(),
                s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"));
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(stranger.describeStackEvents(r -> r.stackName("stranger")).stackEvents()).anySatisfy(e -> {
            assertThat(e.logicalResourceId()).isEqualTo("Child");
            assertThat(e.resourceStatusReason()).isEqualTo("S3 error: Access Denied");
        });
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs() == null ? Map.of()
                : stack.outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
    }

    private Stack await(String name) {
        return Eventually.await(() -> cfn.describeStacks(r -> r.stackName(name)).stacks().getFirst(),
                s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"));
    }
}
