package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transforms Slipway runs, through the SDK: AWS::LanguageExtensions (Fn::ForEach written out with
 * the stack's parameters) and AWS::Include (snippets from the account's own S3), GetTemplate's
 * Original and Processed stages, DeclaredTransforms and CAPABILITY_AUTO_EXPAND.
 */
class StackTransformsIT {
    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CloudFormationClient cfn = slipway.cloudFormation(OWNER, "us-east-1");
    private final CloudFormationClient other = slipway.cloudFormation(OTHER, "us-east-1");

    static final String LOOPS = """
            Transform: AWS::LanguageExtensions
            Parameters:
              Names:
                Type: CommaDelimitedList
                Default: one,two
              Keep:
                Type: String
                Default: Delete
            Mappings:
              Sizes:
                one: {size: large}
            Resources:
              Fn::ForEach::Handles:
                - Name
                - !Ref Names
                - Handle${Name}:
                    Type: AWS::CloudFormation::WaitConditionHandle
                    DeletionPolicy: !Ref Keep
            Outputs:
              Fn::ForEach::Sizes:
                - Name
                - !Ref Names
                - Size${Name}:
                    Value: !FindInMap [Sizes, !Ref Name, size, {DefaultValue: small}]
              Count:
                Value: {"Fn::Length": !Ref Names}
              Json:
                Value: {"Fn::ToJsonString": {names: !Ref Names}}
            """;

    @BeforeAll
    static void snippets() {
        var s3 = slipway.s3(OWNER);
        s3.createBucket(r -> r.bucket("owner-snippets"));
        s3.putObject(r -> r.bucket("owner-snippets").key("handle.yaml"),
                RequestBody.fromString("Type: AWS::CloudFormation::WaitConditionHandle\n"));
    }

    @Test
    void languageExtensionsWriteOutLoopsWithTheStacksParameters() {
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("loops").templateBody(LOOPS)))
                .isInstanceOfSatisfying(InsufficientCapabilitiesException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Requires capabilities : [CAPABILITY_AUTO_EXPAND]"));
        cfn.createStack(r -> r.stackName("loops").templateBody(LOOPS).capabilities(Capability.CAPABILITY_AUTO_EXPAND));
        Stack stack = await("loops");
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(outputs(stack)).containsEntry("Sizeone", "large").containsEntry("Sizetwo", "small")
                .containsEntry("Count", "2").containsEntry("Json", "{\"names\":[\"one\",\"two\"]}");
        assertThat(cfn.listStackResources(r -> r.stackName("loops")).stackResourceSummaries())
                .extracting(StackResourceSummary::logicalResourceId).containsExactlyInAnyOrder("Handleone", "Handletwo");
        assertThat(cfn.getTemplate(r -> r.stackName("loops")).templateBody()).isEqualTo(LOOPS);
        assertThat(cfn.getTemplate(r -> r.stackName("loops").templateStage(TemplateStage.ORIGINAL)).templateBody()).isEqualTo(LOOPS);
        String processed = cfn.getTemplate(r -> r.stackName("loops").templateStage(TemplateStage.PROCESSED)).templateBody();
        assertThat(processed).startsWith("{").contains("\"Handleone\"").contains("\"DeletionPolicy\":\"Delete\"")
                .doesNotContain("Fn::ForEach").doesNotContain("Transform");

        cfn.updateStack(r -> r.stackName("loops").usePreviousTemplate(true).capabilities(Capability.CAPABILITY_AUTO_EXPAND)
                .parameters(p -> p.parameterKey("Names").parameterValue("one,three")));
        Stack updated = await("loops");
        assertThat(updated.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(cfn.listStackResources(r -> r.stackName("loops")).stackResourceSummaries())
                .extracting(StackResourceSummary::logicalResourceId).containsExactlyInAnyOrder("Handleone", "Handlethree");
        assertThat(cfn.getTemplate(r -> r.stackName("loops")).templateBody()).isEqualTo(LOOPS);
        cfn.deleteStack(r -> r.stackName("loops"));
        assertThat(await(stack.stackId()).stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
    }

    @Test
    void anUpdateThatRollsBackKeepsThePreviousOriginalTemplate() {
        String first = LOOPS.replace("Default: one,two", "Default: four");
        cfn.createStack(r -> r.stackName("kept").templateBody(first).capabilities(Capability.CAPABILITY_AUTO_EXPAND));
        assertThat(await("kept").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        String broken = first.replace("Outputs:", """
                  Bad:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: Not_A_Valid_Bucket_Name
                Outputs:""");
        cfn.updateStack(r -> r.stackName("kept").templateBody(broken).capabilities(Capability.CAPABILITY_AUTO_EXPAND));
        assertThat(await("kept").stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(cfn.getTemplate(r -> r.stackName("kept")).templateBody()).isEqualTo(first);
        assertThat(cfn.getTemplate(r -> r.stackName("kept").templateStage(TemplateStage.PROCESSED)).templateBody())
                .contains("Handlefour").doesNotContain("Bad");
        cfn.deleteStack(r -> r.stackName("kept"));
    }

    @Test
    void summariesDeclareTransformsAndAskForAutoExpand() {
        var summary = cfn.getTemplateSummary(r -> r.templateBody(LOOPS));
        assertThat(summary.declaredTransforms()).containsExactly("AWS::LanguageExtensions");
        assertThat(summary.capabilities()).containsExactly(Capability.CAPABILITY_AUTO_EXPAND);
        assertThat(summary.resourceTypes()).containsExactly("AWS::CloudFormation::WaitConditionHandle");
        var validated = cfn.validateTemplate(r -> r.templateBody(LOOPS));
        assertThat(validated.declaredTransforms()).containsExactly("AWS::LanguageExtensions");
        assertThat(validated.capabilities()).containsExactly(Capability.CAPABILITY_AUTO_EXPAND);
        assertThat(cfn.validateTemplate(r -> r.templateBody("Resources:\n  H:\n    Type: AWS::CloudFormation::WaitConditionHandle\n"))
                .declaredTransforms()).isEmpty();
    }

    @Test
    void includeReadsSnippetsFromTheAccountsOwnS3AndChangeSetsNeedNoCapability() {
        String template = """
                Resources:
                  Included:
                    Fn::Transform:
                      Name: AWS::Include
                      Parameters:
                        Location: s3://owner-snippets/handle.yaml
                """;
        cfn.createChangeSet(r -> r.stackName("included").changeSetName("first").changeSetType(ChangeSetType.CREATE)
                .templateBody(template));
        Eventually.await(() -> cfn.describeChangeSet(r -> r.stackName("included").changeSetName("first")),
                cs -> !cs.statusAsString().endsWith("_PENDING") && !cs.statusAsString().endsWith("_IN_PROGRESS"));
        assertThat(cfn.getTemplate(r -> r.stackName("included").changeSetName("first").templateStage(TemplateStage.PROCESSED))
                .templateBody()).contains("AWS::CloudFormation::WaitConditionHandle").doesNotContain("Fn::Transform");
        cfn.executeChangeSet(r -> r.stackName("included").changeSetName("first"));
        Stack stack = await("included");
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(cfn.getTemplate(r -> r.stackName("included")).templateBody()).isEqualTo(template);

        assertThatThrownBy(() -> other.createStack(r -> r.stackName("included").templateBody(template)
                .capabilities(Capability.CAPABILITY_AUTO_EXPAND))).isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Transform AWS::Include failed with: S3 error: Access Denied");
                });
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("sam").capabilities(Capability.CAPABILITY_AUTO_EXPAND)
                .templateBody("Transform: AWS::Serverless-2016-10-31\nResources:\n  H:\n    Type: AWS::Serverless::Function\n")))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Transform AWS::Serverless-2016-10-31 failed with: ");
                });
        cfn.deleteStack(r -> r.stackName("included"));
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
    }

    private Stack await(String name) {
        return Eventually.await(() -> cfn.describeStacks(r -> r.stackName(name)).stacks().getFirst(),
                s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"));
    }
}
