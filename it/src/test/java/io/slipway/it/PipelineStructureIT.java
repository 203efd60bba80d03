package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStore;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStoreType;
import software.amazon.awssdk.services.codepipeline.model.BlockerDeclaration;
import software.amazon.awssdk.services.codepipeline.model.BlockerType;
import software.amazon.awssdk.services.codepipeline.model.InvalidActionDeclarationException;
import software.amazon.awssdk.services.codepipeline.model.InvalidBlockerDeclarationException;
import software.amazon.awssdk.services.codepipeline.model.InvalidStageDeclarationException;
import software.amazon.awssdk.services.codepipeline.model.InvalidStructureException;
import software.amazon.awssdk.services.codepipeline.model.InvalidTagsException;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineType;
import software.amazon.awssdk.services.codepipeline.model.PipelineVariableDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.codepipeline.model.Tag;
import software.amazon.awssdk.services.codepipeline.model.TooManyTagsException;
import software.amazon.awssdk.services.codepipeline.model.ValidationException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static io.slipway.it.PipelineFixtures.approval;
import static io.slipway.it.PipelineFixtures.aws;
import static io.slipway.it.PipelineFixtures.codeDeploy;
import static io.slipway.it.PipelineFixtures.invoke;
import static io.slipway.it.PipelineFixtures.pipeline;
import static io.slipway.it.PipelineFixtures.rejects;
import static io.slipway.it.PipelineFixtures.s3Source;
import static io.slipway.it.PipelineFixtures.sourceAndDeploy;
import static io.slipway.it.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

/** Every structural rule of CreatePipeline (and UpdatePipeline), each with AWS's exception and HTTP 400. */
class PipelineStructureIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CodePipelineClient cp = slipway.codePipeline();

    private void create(PipelineDeclaration p) {
        cp.createPipeline(r -> r.pipeline(p));
    }

    private <T extends AwsServiceException> void createRejects(Class<T> type, String message, PipelineDeclaration p) {
        rejects(type, message, () -> create(p));
    }

    /** A source stage and one more stage holding the given actions. */
    private static PipelineDeclaration then(String name, ActionDeclaration... actions) {
        return pipeline(name, stage("Source", s3Source("Fetch", "Src")), stage("Next", actions));
    }

    @Test
    void stagesNumberTwoToFifty() {
        createRejects(InvalidStructureException.class, "Pipeline has only 1 stage(s). There should be a minimum of 2 stages",
                pipeline("one-stage", stage("Source", s3Source("Fetch", "Src"))));
        List<StageDeclaration> stages = new ArrayList<>(List.of(stage("Source", s3Source("Fetch", "Src"))));
        IntStream.range(1, 51).forEach(i -> stages.add(stage("S" + i, approval("Ok"))));
        createRejects(InvalidStructureException.class, "There can be at most 50 stages",
                pipeline("51-stages", stages.toArray(StageDeclaration[]::new)));
        create(pipeline("50-stages", stages.subList(0, 50).toArray(StageDeclaration[]::new)));
        createRejects(InvalidStructureException.class, "Stage names must be unique within a pipeline. Source is used more than once",
                pipeline("same-stage", stage("Source", s3Source("Fetch", "Src")), stage("Source", approval("Ok"))));
    }

    @Test
    void actionsNumberOneToFiftyAStageAndFiveHundredAPipeline() {
        createRejects(InvalidStageDeclarationException.class, "Stage Next has 0 actions", then("empty-stage"));
        ActionDeclaration[] fiftyOne = IntStream.range(0, 51).mapToObj(i -> approval("Ok" + i)).toArray(ActionDeclaration[]::new);
        createRejects(InvalidStageDeclarationException.class, "Stage Next has 51 actions", then("51-actions", fiftyOne));
        List<StageDeclaration> stages = new ArrayList<>(List.of(stage("Source", s3Source("Fetch", "Src"))));
        IntStream.range(0, 10).forEach(s -> stages.add(stage("S" + s, IntStream.range(0, 50)
                .mapToObj(i -> approval("Ok" + i)).toArray(ActionDeclaration[]::new))));
        createRejects(InvalidStructureException.class, "Pipeline has 501 actions. There can be at most 500 actions",
                pipeline("501-actions", stages.toArray(StageDeclaration[]::new)));
        createRejects(InvalidStageDeclarationException.class, "Action names must be unique within a stage. Ok is used more than once",
                then("same-action", approval("Ok"), approval("Ok")));
        // the same action name in two stages is fine
        create(pipeline("same-name-two-stages", stage("Source", s3Source("Ok", "Src")), stage("Next", approval("Ok"))));
    }

    @Test
    void sourceActionsAreTheFirstStageAndOnlyThere() {
        createRejects(InvalidStructureException.class, "Pipeline should start with a stage that only contains source actions",
                pipeline("mixed-first", stage("Source", s3Source("Fetch", "Src"), approval("Ok")), stage("Next", approval("Ok"))));
        createRejects(InvalidStructureException.class, "Stage Next contains the source action Again",
                then("late-source", s3Source("Again", "Src2")));
    }

    @Test
    void runOrderIsOneTo999() {
        createRejects(ValidationException.class, "runOrder", then("run-0", approval("Ok").toBuilder().runOrder(0).build()));
        createRejects(ValidationException.class, "runOrder", then("run-1000", approval("Ok").toBuilder().runOrder(1000).build()));
        create(then("run-999", approval("Ok").toBuilder().runOrder(999).build()));
    }

    @Test
    void inputsAreOutputsOfEarlierActions() {
        createRejects(InvalidStructureException.class, "Input Artifact Bundle Nowhere of action Use in stage Next is not the output",
                then("no-producer", invoke("Use", 1, List.of("Nowhere"), List.of())));
        createRejects(InvalidStructureException.class, "Input Artifact Bundle Built of action Use",
                then("same-run-order", invoke("Build", 1, List.of("Src"), List.of("Built")),
                        invoke("Use", 1, List.of("Built"), List.of())));
        create(then("lower-run-order", invoke("Build", 1, List.of("Src"), List.of("Built")),
                invoke("Use", 2, List.of("Built"), List.of())));
        createRejects(InvalidStructureException.class,
                "Output Artifact Bundle name must be unique within the pipeline. Src has been used more than once.",
                then("same-output", invoke("Build", 1, List.of(), List.of("Src"))));
        // a later stage's output is not an earlier stage's input
        createRejects(InvalidStructureException.class, "Input Artifact Bundle Later of action Use",
                pipeline("later-output", stage("Source", s3Source("Fetch", "Src")),
                        stage("First", invoke("Use", 1, List.of("Later"), List.of())),
                        stage("Second", invoke("Make", 1, List.of(), List.of("Later")))));
    }

    @Test
    void artifactCountsAreTheActionTypes() {
        createRejects(InvalidActionDeclarationException.class,
                "Action Deploy declares 0 input artifacts which is less than the minimum count (1)",
                then("deploy-nothing", codeDeploy("Deploy", "Src").toBuilder().inputArtifacts(List.of()).build()));
        createRejects(InvalidActionDeclarationException.class,
                "Action Invoke declares 6 input artifacts which is more than the maximum count (5)",
                pipeline("six-inputs", stage("Source", IntStream.range(0, 6).mapToObj(i -> s3Source("S" + i, "A" + i))
                                .toArray(ActionDeclaration[]::new)),
                        stage("Next", invoke("Invoke", 1, List.of("A0", "A1", "A2", "A3", "A4", "A5"), List.of()))));
        createRejects(InvalidActionDeclarationException.class,
                "Action Fetch declares 0 output artifacts which is less than the minimum count (1)",
                pipeline("no-source-output", stage("Source", s3Source("Fetch", "Src").toBuilder().outputArtifacts(List.of())
                        .build()), stage("Next", approval("Ok"))));
        createRejects(InvalidActionDeclarationException.class,
                "Action Ok declares 1 output artifacts which is more than the maximum count (0)",
                then("approval-output", approval("Ok").toBuilder().outputArtifacts(o -> o.name("Out")).build()));
    }

    @Test
    void theActionTypeExistsAndItsConfigurationFits() {
        createRejects(InvalidActionDeclarationException.class, "ActionType (Category: 'Build', Provider: 'Jenkins', "
                        + "Owner: 'Custom', Version: '1') in action 'Build' is not available in region 'US_EAST_1'",
                then("no-such-type", ActionDeclaration.builder().name("Build").actionTypeId(t -> t.category(ActionCategory.BUILD)
                        .owner("Custom").provider("Jenkins").version("1")).inputArtifacts(i -> i.name("Src")).build()));
        createRejects(InvalidActionDeclarationException.class,
                "Action configuration for action 'Deploy' is missing required configuration 'DeploymentGroupName'",
                then("missing-config", codeDeploy("Deploy", "Src").toBuilder()
                        .configuration(Map.of("ApplicationName", "shop")).build()));
        createRejects(InvalidActionDeclarationException.class,
                "Action configuration for action 'Deploy' contains unknown configuration 'Color'",
                then("unknown-config", codeDeploy("Deploy", "Src").toBuilder().configuration(
                        Map.of("ApplicationName", "shop", "DeploymentGroupName", "web", "Color", "blue")).build()));
        createRejects(ValidationException.class, "configuration",
                then("empty-value", codeDeploy("Deploy", "Src").toBuilder().configuration(
                        Map.of("ApplicationName", "", "DeploymentGroupName", "web")).build()));
        createRejects(InvalidActionDeclarationException.class, "CloudFormation actions are not available in Slipway yet",
                then("cloudformation", ActionDeclaration.builder().name("Stack")
                        .actionTypeId(aws(ActionCategory.DEPLOY, "CloudFormation"))
                        .configuration(Map.of("ActionMode", "CREATE_UPDATE", "StackName", "app")).build()));
        createRejects(InvalidActionDeclarationException.class, "only manual approval actions take",
                then("invoke-timeout", invoke("Run", 1, List.of(), List.of()).toBuilder().timeoutInMinutes(10).build()));
        create(then("approval-timeout", approval("Ok").toBuilder().timeoutInMinutes(10).configuration(
                Map.of("CustomData", "please look", "ExternalEntityLink", "https://example.com")).build()));
    }

    @Test
    void namespacesAndVariableReferences() {
        UnaryOperator<ActionDeclaration> withVars = a -> a.toBuilder().namespace("SourceVariables").build();
        ActionDeclaration source = withVars.apply(s3Source("Fetch", "Src"));
        ActionDeclaration user = invoke("Use", 1, List.of("Src"), List.of()).toBuilder()
                .configuration(Map.of("FunctionName", "checker", "UserParameters", "#{SourceVariables.ETag}")).build();
        create(pipeline("vars-ok", stage("Source", source), stage("Next", user)));

        createRejects(InvalidActionDeclarationException.class, "Namespaces must be unique across the pipeline definition. "
                        + "The following occur more than once in the pipeline. StageName=[Next], ActionName=[Use], "
                        + "Namespace=[SourceVariables]",
                pipeline("vars-twice", stage("Source", source), stage("Next", withVars.apply(user))));
        createRejects(InvalidActionDeclarationException.class, "declares the namespace Src, which is also the name of an artifact",
                pipeline("vars-artifact", stage("Source", s3Source("Fetch", "Src").toBuilder().namespace("Src").build()),
                        stage("Next", approval("Ok"))));
        createRejects(InvalidActionDeclarationException.class, "declares the namespace codepipeline, which is reserved",
                pipeline("vars-reserved", stage("Source", s3Source("Fetch", "Src").toBuilder().namespace("codepipeline").build()),
                        stage("Next", approval("Ok"))));
        createRejects(InvalidActionDeclarationException.class,
                "Action Use in stage Next refers to #{SourceVariables.ETag}, but no action that runs before it declares",
                pipeline("vars-missing", stage("Source", s3Source("Fetch", "Src")), stage("Next", user)));
        ActionDeclaration selfReference = invoke("Self", 1, List.of(), List.of()).toBuilder()
                .configuration(Map.of("FunctionName", "checker", "UserParameters", "#{Mine.x}")).namespace("Mine").build();
        createRejects(InvalidActionDeclarationException.class, "refers to #{Mine.x}", then("vars-self", selfReference));
        ActionDeclaration v2user = invoke("Use", 1, List.of(), List.of()).toBuilder()
                .configuration(Map.of("FunctionName", "checker", "UserParameters", "#{variables.Region}")).build();
        createRejects(InvalidActionDeclarationException.class, "the pipeline declares no variable Region",
                then("vars-undeclared", v2user).toBuilder().pipelineType(PipelineType.V2).build());
        create(then("vars-declared", v2user).toBuilder().pipelineType(PipelineType.V2)
                .variables(PipelineVariableDeclaration.builder().name("Region").defaultValue("eu-west-1").build()).build());
    }

    @Test
    void oneArtifactStoreOrOnePerRegion() {
        ArtifactStore store = ArtifactStore.builder().type(ArtifactStoreType.S3).location("artifacts").build();
        PipelineDeclaration p = sourceAndDeploy("stores");
        createRejects(InvalidStructureException.class, "either artifactStore or artifactStores, not both",
                p.toBuilder().artifactStores(Map.of("us-east-1", store)).build());
        createRejects(InvalidStructureException.class, "must declare an artifactStore",
                p.toBuilder().artifactStore((ArtifactStore) null).build());
        createRejects(InvalidStructureException.class, "must include an artifact store in the pipeline's region us-east-1",
                p.toBuilder().artifactStore((ArtifactStore) null).artifactStores(Map.of("eu-west-1", store)).build());
        PipelineDeclaration crossRegion = then("cross", codeDeploy("Deploy", "Src").toBuilder().region("eu-west-1").build());
        createRejects(InvalidStructureException.class, "runs in region eu-west-1, for which artifactStores declares no",
                crossRegion);
        create(crossRegion.toBuilder().artifactStore((ArtifactStore) null)
                .artifactStores(Map.of("us-east-1", store, "eu-west-1", store)).build());
    }

    @Test
    void blockersAndTagsAndModelConstraints() {
        BlockerDeclaration blocker = BlockerDeclaration.builder().name("Nightly").type(BlockerType.SCHEDULE).build();
        createRejects(InvalidBlockerDeclarationException.class, "Nightly is used more than once",
                pipeline("blockers", stage("Source", s3Source("Fetch", "Src")),
                        stage("Next", approval("Ok")).toBuilder().blockers(blocker, blocker).build()));
        List<Tag> fiftyOne = IntStream.range(0, 51).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        rejects(TooManyTagsException.class, "Tag limit exceeded",
                () -> cp.createPipeline(r -> r.pipeline(sourceAndDeploy("too-many-tags")).tags(fiftyOne)));
        rejects(InvalidTagsException.class, "System tags start with 'aws:'", () -> cp.createPipeline(r -> r
                .pipeline(sourceAndDeploy("system-tags")).tags(Tag.builder().key("aws:owner").value("me").build())));
        rejects(ValidationException.class, "pipeline", () -> cp.createPipeline(r -> { }));
        rejects(ValidationException.class, "pipeline.name", () -> cp.createPipeline(r -> r.pipeline(sourceAndDeploy("bad name!"))));
        rejects(ValidationException.class, "roleArn", () -> cp.createPipeline(r -> r.pipeline(sourceAndDeploy("bad-role")
                .toBuilder().roleArn("not-a-role").build())));
        assertThat(cp.listPipelines(r -> { }).pipelines()).extracting(s -> s.name())
                .doesNotContain("too-many-tags", "system-tags", "blockers");
    }

    @Test
    void updatesAreCheckedLikeCreates() {
        create(sourceAndDeploy("checked-update"));
        rejects(InvalidStructureException.class, "minimum of 2 stages", () -> cp.updatePipeline(r -> r.pipeline(
                pipeline("checked-update", stage("Source", s3Source("Fetch", "Src"))))));
        rejects(InvalidActionDeclarationException.class, "missing required configuration 'ApplicationName'",
                () -> cp.updatePipeline(r -> r.pipeline(pipeline("checked-update", stage("Source", s3Source("Fetch", "Src")),
                        stage("Deploy", codeDeploy("Deploy", "Src").toBuilder()
                                .configuration(Map.of("DeploymentGroupName", "web")).build())))));
        assertThat(cp.getPipeline(r -> r.name("checked-update")).pipeline().version()).isEqualTo(1);
    }
}
