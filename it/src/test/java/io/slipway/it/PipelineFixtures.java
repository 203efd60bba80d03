package io.slipway.it;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionOwner;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStore;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStoreType;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pipeline declarations for the CodePipeline tests, built with the SDK's own types. */
public final class PipelineFixtures {
    static final String ROLE = "arn:aws:iam::000000000000:role/codepipeline";

    private PipelineFixtures() {
    }

    public static ActionTypeId aws(ActionCategory category, String provider) {
        return ActionTypeId.builder().category(category).owner(ActionOwner.AWS).provider(provider).version("1").build();
    }

    public static ActionDeclaration s3Source(String name, String output) {
        return ActionDeclaration.builder().name(name).actionTypeId(aws(ActionCategory.SOURCE, "S3"))
                .configuration(Map.of("S3Bucket", "sources", "S3ObjectKey", "app.zip", "PollForSourceChanges", "false"))
                .outputArtifacts(OutputArtifact.builder().name(output).build()).build();
    }

    static ActionDeclaration codeDeploy(String name, String input) {
        return ActionDeclaration.builder().name(name).actionTypeId(aws(ActionCategory.DEPLOY, "CodeDeploy"))
                .configuration(Map.of("ApplicationName", "shop", "DeploymentGroupName", "web"))
                .inputArtifacts(InputArtifact.builder().name(input).build()).build();
    }

    /** A Lambda invoke with the given inputs and outputs. */
    static ActionDeclaration invoke(String name, int runOrder, List<String> inputs, List<String> outputs) {
        return ActionDeclaration.builder().name(name).actionTypeId(aws(ActionCategory.INVOKE, "Lambda")).runOrder(runOrder)
                .configuration(Map.of("FunctionName", "checker"))
                .inputArtifacts(inputs.stream().map(n -> InputArtifact.builder().name(n).build()).toList())
                .outputArtifacts(outputs.stream().map(n -> OutputArtifact.builder().name(n).build()).toList()).build();
    }

    /** Creates the Custom Build action type {@code provider} (one input artifact, at most one output) for job workers. */
    public static ActionTypeId customBuildType(CodePipelineClient cp, String provider) {
        cp.createCustomActionType(r -> r.category(ActionCategory.BUILD).provider(provider).version("1")
                .inputArtifactDetails(d -> d.minimumCount(1).maximumCount(1))
                .outputArtifactDetails(d -> d.minimumCount(0).maximumCount(1)));
        return ActionTypeId.builder().category(ActionCategory.BUILD).owner(ActionOwner.CUSTOM).provider(provider)
                .version("1").build();
    }

    /** An action of a custom type that builds {@code SourceOutput}: a job for a worker. */
    public static ActionDeclaration customBuild(String name, ActionTypeId type) {
        return ActionDeclaration.builder().name(name).actionTypeId(type)
                .inputArtifacts(InputArtifact.builder().name("SourceOutput").build()).build();
    }

    public static ActionDeclaration approval(String name) {
        return ActionDeclaration.builder().name(name).actionTypeId(aws(ActionCategory.APPROVAL, "Manual")).build();
    }

    public static StageDeclaration stage(String name, ActionDeclaration... actions) {
        return StageDeclaration.builder().name(name).actions(actions).build();
    }

    public static PipelineDeclaration pipeline(String name, StageDeclaration... stages) {
        return PipelineDeclaration.builder().name(name).roleArn(ROLE)
                .artifactStore(ArtifactStore.builder().type(ArtifactStoreType.S3).location("artifacts").build())
                .stages(Arrays.asList(stages)).build();
    }

    /** Source from S3, then a CodeDeploy deployment of it. */
    static PipelineDeclaration sourceAndDeploy(String name) {
        return pipeline(name, stage("Source", s3Source("Fetch", "SourceOutput")),
                stage("Deploy", codeDeploy("Deploy", "SourceOutput")));
    }

    /**
     * The CodeDeploy side of {@link #codeDeploy}: application {@code shop}, group {@code web}
     * selecting the on-premises instance {@code web-1}, whose agent a test starts.
     */
    public static void shopOnPremises(SlipwayServer slipway) {
        var cd = slipway.codeDeploy();
        cd.createApplication(r -> r.applicationName("shop"));
        cd.registerOnPremisesInstance(r -> r.instanceName("web-1").iamUserArn("arn:aws:iam::000000000000:user/web-1"));
        cd.addTagsToOnPremisesInstances(r -> r.instanceNames("web-1").tags(t -> t.key("app").value("shop")));
        cd.createDeploymentGroup(r -> r.applicationName("shop").deploymentGroupName("web")
                .serviceRoleArn("arn:aws:iam::000000000000:role/cd").onPremisesInstanceTagFilters(f -> f.key("app")
                        .value("shop").type(software.amazon.awssdk.services.codedeploy.model.TagFilterType.KEY_AND_VALUE)));
    }

    /**
     * On-premises instance {@code web-1} tagged app=web, and the Server application {@code web}
     * whose group {@code prod} selects it, for the tests that deploy to a host whose agent they start.
     */
    public static void webOnPremises(software.amazon.awssdk.services.codedeploy.CodeDeployClient cd) {
        cd.registerOnPremisesInstance(r -> r.instanceName("web-1").iamUserArn("arn:aws:iam::000000000000:user/web-1"));
        cd.addTagsToOnPremisesInstances(r -> r.instanceNames("web-1").tags(t -> t.key("app").value("web")));
        cd.createApplication(r -> r.applicationName("web")
                .computePlatform(software.amazon.awssdk.services.codedeploy.model.ComputePlatform.SERVER));
        cd.createDeploymentGroup(r -> r.applicationName("web").deploymentGroupName("prod")
                .serviceRoleArn("arn:aws:iam::000000000000:role/cd").onPremisesInstanceTagFilters(f -> f.key("app")
                        .value("web").type(software.amazon.awssdk.services.codedeploy.model.TagFilterType.KEY_AND_VALUE)));
    }

    /** Asserts that a call fails with the modelled exception, HTTP 400 and a message saying what is wrong. */
    static <T extends AwsServiceException> void rejects(Class<T> type, String message, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }
}
