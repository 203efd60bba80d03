package io.slipway.app.resources;

import io.slipway.cloudformation.registry.ValidatedProvider;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.model.codepipeline.GetPipelineInput;
import io.slipway.model.codepipeline.GetPipelineOutput;
import io.slipway.model.codepipeline.GetPipelineStateInput;
import io.slipway.model.codepipeline.GetPipelineStateOutput;
import io.slipway.model.codepipeline.ListPipelineExecutionsInput;
import io.slipway.model.codepipeline.ListPipelineExecutionsOutput;
import io.slipway.model.codepipeline.ListTagsForResourceInput;
import io.slipway.model.codepipeline.ListTagsForResourceOutput;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.Tag;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.slipway.app.InProcessServices.request;
import static io.slipway.app.InProcessServices.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineProviderTest extends ProviderTest {
    private static final String TYPE = "AWS::CodePipeline::Pipeline";
    private static final Map<String, Object> SOURCE = Map.of("Name", "Source", "Actions", List.of(Map.of(
            "Name", "Get", "ActionTypeId", Map.of("Category", "Source", "Owner", "AWS", "Provider", "S3", "Version", 1),
            "Configuration", Map.of("S3Bucket", "sources", "S3ObjectKey", "app.zip", "PollForSourceChanges", false),
            "OutputArtifacts", List.of(Map.of("Name", "App")))));
    private static final Map<String, Object> TEST = Map.of("Name", "Test", "Actions", List.of(Map.of(
            "Name", "Check", "RunOrder", "1",
            "ActionTypeId", Map.of("Category", "Invoke", "Owner", "AWS", "Provider", "Lambda", "Version", "1"),
            "Configuration", Map.of("FunctionName", "checker", "UserParameters", "fast"),
            "InputArtifacts", List.of(Map.of("Name", "App")))));
    private static final Map<String, Object> PIPELINE = Map.of("Name", "shop-release",
            "RoleArn", "arn:aws:iam::111122223333:role/pipeline", "PipelineType", "V2", "ExecutionMode", "QUEUED",
            "ArtifactStore", Map.of("Type", "S3", "Location", "artifacts"),
            "Stages", List.of(SOURCE, TEST),
            "Variables", List.of(Map.of("Name", "Env", "DefaultValue", "test")),
            "Tags", List.of(Map.of("Key", "team", "Value", "shop")));

    PipelineProviderTest() {
        super(TYPE);
    }

    private PipelineDeclaration pipeline(String name) {
        return GetPipelineOutput.fromDocument(services.call(services.codePipeline.binding(), "GetPipeline",
                new GetPipelineInput(name, null))).pipeline();
    }

    private List<Tag> tags() {
        return ListTagsForResourceOutput.fromDocument(services.call(services.codePipeline.binding(), "ListTagsForResource",
                new ListTagsForResourceInput("arn:aws:codepipeline:eu-west-1:111122223333:shop-release", null, null)))
                .tags();
    }

    @Test
    void createsThePipelineFromTheTemplatesDeclaration() {
        Provisioned made = provider.create(request("Release", TYPE, PIPELINE));

        assertThat(made.physicalId()).isEqualTo("shop-release");
        assertThat(made.attributes()).containsEntry("Version", "1");
        PipelineDeclaration p = pipeline("shop-release");
        assertThat(p.stages()).extracting(s -> s.name()).containsExactly("Source", "Test");
        var check = p.stages().get(1).actions().getFirst();
        assertThat(check.configuration()).containsEntry("UserParameters", "fast").containsEntry("FunctionName", "checker");
        assertThat(check.runOrder()).isEqualTo(1);
        assertThat(p.stages().getFirst().actions().getFirst().configuration())
                .as("map keys stay as written, values become strings").containsEntry("PollForSourceChanges", "false");
        assertThat(p.executionMode().value()).isEqualTo("QUEUED");
        assertThat(p.variables()).singleElement().satisfies(v -> assertThat(v.defaultValue()).isEqualTo("test"));
        assertThat(tags()).containsExactly(new Tag("team", "shop"));
    }

    @Test
    void updateChangesTheDeclarationTransitionsAndTagsAndCanRestart() {
        Provisioned made = provider.create(request("Release", TYPE, PIPELINE));
        int executionsBefore = executions();
        Map<String, Object> next = new HashMap<>(PIPELINE);
        next.put("Variables", List.of(Map.of("Name", "Env", "DefaultValue", "prod")));
        next.put("Tags", List.of());
        next.put("DisableInboundStageTransitions", List.of(Map.of("StageName", "Test", "Reason", "frozen")));
        next.put("RestartExecutionOnUpdate", true);

        Provisioned updated = provider.update(update("Release", TYPE, next, PIPELINE), made);

        assertThat(updated.physicalId()).isEqualTo("shop-release");
        assertThat(updated.attributes()).containsEntry("Version", "2");
        assertThat(pipeline("shop-release").variables().getFirst().defaultValue()).isEqualTo("prod");
        assertThat(tags()).isEmpty();
        assertThat(inboundEnabled("Test")).isFalse();
        assertThat(executions()).isEqualTo(executionsBefore + 1);

        provider.update(update("Release", TYPE, PIPELINE, next), updated);
        assertThat(inboundEnabled("Test")).as("enabled again when the template stops naming it").isTrue();
    }

    @Test
    void artifactStoresByRegionBecomeTheApisMap() {
        Map<String, Object> p = new HashMap<>(PIPELINE);
        p.remove("ArtifactStore");
        p.put("ArtifactStores", List.of(Map.of("Region", "eu-west-1",
                "ArtifactStore", Map.of("Type", "S3", "Location", "artifacts-eu"))));

        provider.create(request("Release", TYPE, p));

        assertThat(pipeline("shop-release").artifactStores()).containsOnlyKeys("eu-west-1")
                .hasValueSatisfying(new org.assertj.core.api.Condition<>(s -> s.location().equals("artifacts-eu"), "eu"));
    }

    @Test
    void invalidPipelinesFailWithCodePipelinesReason() {
        Map<String, Object> oneStage = new HashMap<>(PIPELINE);
        oneStage.put("Stages", List.of(SOURCE));
        assertThatThrownBy(() -> provider.create(request("Release", TYPE, oneStage)))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageContaining("There should be a minimum of 2 stages")
                .hasMessageContaining("Service: CodePipeline").hasMessageContaining("HandlerErrorCode: InvalidRequest");
        Map<String, Object> noRole = new HashMap<>(PIPELINE);
        noRole.remove("RoleArn");
        assertThatThrownBy(() -> provider.create(request("Release", TYPE, noRole)))
                .hasMessageEndingWith("#: required key [RoleArn] not found");
        Map<String, Object> typo = new HashMap<>(PIPELINE);
        typo.put("Stages", List.of(SOURCE, Map.of("Name", "Test", "Actionz", List.of())));
        assertThatThrownBy(() -> new ValidatedProvider(provider).create(request("Release", TYPE, typo)))
                .hasMessageEndingWith("#/Stages/1: extraneous key [Actionz] is not permitted]");
        provider.create(request("Release", TYPE, PIPELINE));
        assertThatThrownBy(() -> provider.create(request("Other", TYPE, PIPELINE)))
                .hasMessageContaining("HandlerErrorCode: AlreadyExists");
    }

    @Test
    void generatedNamesAndDeletion() {
        Map<String, Object> unnamed = new HashMap<>(PIPELINE);
        unnamed.remove("Name");
        unnamed.remove("Tags");
        Provisioned made = provider.create(request("Release", TYPE, unnamed));
        assertThat(made.physicalId()).matches("shop-Release-[A-Z0-9]{13}");
        assertThat(provider.create(request("Release", TYPE, unnamed)).physicalId()).isEqualTo(made.physicalId());

        provider.delete(request("Release", TYPE, unnamed), made);
        provider.delete(request("Release", TYPE, unnamed), made);
        assertThatThrownBy(() -> pipeline(made.physicalId())).isInstanceOf(AwsException.class);
    }

    private int executions() {
        return ListPipelineExecutionsOutput.fromDocument(services.call(services.codePipeline.binding(),
                "ListPipelineExecutions", ListPipelineExecutionsInput.builder().pipelineName("shop-release").build()))
                .pipelineExecutionSummaries().size();
    }

    private boolean inboundEnabled(String stage) {
        return GetPipelineStateOutput.fromDocument(services.call(services.codePipeline.binding(), "GetPipelineState",
                new GetPipelineStateInput("shop-release"))).stageStates().stream()
                .filter(s -> s.stageName().equals(stage)).findFirst().orElseThrow().inboundTransitionState().enabled();
    }
}
