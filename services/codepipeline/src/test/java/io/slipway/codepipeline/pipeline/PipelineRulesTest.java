package io.slipway.codepipeline.pipeline;

import io.slipway.codepipeline.actiontype.BuiltInActionTypes;
import io.slipway.model.codepipeline.ActionCategory;
import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.ArtifactStore;
import io.slipway.model.codepipeline.ArtifactStoreType;
import io.slipway.model.codepipeline.InputArtifact;
import io.slipway.model.codepipeline.OutputArtifact;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.PipelineType;
import io.slipway.model.codepipeline.PipelineVariableDeclaration;
import io.slipway.model.codepipeline.StageDeclaration;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineRulesTest {
    private static final ActionTypeId S3_SOURCE = new ActionTypeId(ActionCategory.SOURCE, ActionOwner.AWS, "S3", "1");
    private static final ActionTypeId LAMBDA = new ActionTypeId(ActionCategory.INVOKE, ActionOwner.AWS, "Lambda", "1");

    private static ActionDeclaration source(String name, String output) {
        return ActionDeclaration.builder().name(name).actionTypeId(S3_SOURCE).namespace("Src")
                .configuration(Map.of("S3Bucket", "b", "S3ObjectKey", "k.zip"))
                .outputArtifacts(List.of(OutputArtifact.builder().name(output).build())).build();
    }

    private static ActionDeclaration invoke(String name, int runOrder, List<String> inputs, List<String> outputs,
                                            String userParameters) {
        return ActionDeclaration.builder().name(name).actionTypeId(LAMBDA).runOrder(runOrder)
                .configuration(Map.of("FunctionName", "f", "UserParameters", userParameters))
                .inputArtifacts(inputs.stream().map(InputArtifact::new).toList())
                .outputArtifacts(outputs.stream().map(n -> OutputArtifact.builder().name(n).build()).toList()).build();
    }

    private static PipelineDeclaration pipeline(List<ActionDeclaration> second) {
        return PipelineDeclaration.builder().name("p").roleArn("arn:aws:iam::000000000000:role/cp")
                .artifactStore(new ArtifactStore(ArtifactStoreType.S3, "artifacts", null))
                .pipelineType(PipelineType.V1)
                .stages(List.of(new StageDeclaration("Source", null, List.of(source("Get", "Src1")), null, null, null),
                        new StageDeclaration("Run", null, second, null, null, null))).build();
    }

    private static String check(PipelineDeclaration p) {
        try {
            PipelineRules.check(p, "us-east-1", BuiltInActionTypes::find);
            return "ok";
        } catch (AwsException e) {
            return e.error().type() + ": " + e.getMessage();
        }
    }

    @Test
    void aSourceStageAndAnInvokeStageAreAPipeline() {
        assertThatCode(() -> PipelineRules.check(pipeline(List.of(invoke("Go", 1, List.of("Src1"), List.of(), "x"))),
                "us-east-1", BuiltInActionTypes::find)).doesNotThrowAnyException();
    }

    @Test
    void artifactsAndNamespacesComeFromActionsThatRunEarlier() {
        ActionDeclaration first = invoke("First", 1, List.of("Src1"), List.of("Built"), "#{Src.ETag}")
                .toBuilder().namespace("FirstVars").build();
        ActionDeclaration later = invoke("Later", 2, List.of("Built"), List.of(), "#{FirstVars.x}");
        assertThat(check(pipeline(List.of(first, later)))).isEqualTo("ok");
        ActionDeclaration parallel = invoke("Parallel", 1, List.of("Built"), List.of(), "x");
        assertThat(check(pipeline(List.of(first, parallel))))
                .startsWith("InvalidStructureException: Input Artifact Bundle Built of action Parallel");
        ActionDeclaration sameOrderReference = invoke("Same", 1, List.of(), List.of(), "#{FirstVars.x}");
        assertThat(check(pipeline(List.of(first, sameOrderReference))))
                .startsWith("InvalidActionDeclarationException: Action Same in stage Run refers to #{FirstVars.x}");
        assertThat(check(pipeline(List.of(invoke("Own", 1, List.of(), List.of(), "#{codepipeline.PipelineExecutionId}")))))
                .isEqualTo("ok");
    }

    @Test
    void structureRulesNameTheirException() {
        PipelineDeclaration one = pipeline(List.of(invoke("Go", 1, List.of(), List.of(), "x")));
        assertThat(check(one.toBuilder().stages(one.stages().subList(0, 1)).build())).isEqualTo(
                "InvalidStructureException: Pipeline has only 1 stage(s). There should be a minimum of 2 stages in a pipeline");
        assertThat(check(pipeline(List.of(source("Again", "Src2")))))
                .startsWith("InvalidStructureException: Source actions can only be in the first stage");
        assertThat(check(pipeline(List.of(invoke("Go", 1, List.of(), List.of(), "x"), invoke("Go", 2, List.of(), List.of(), "y")))))
                .startsWith("InvalidStageDeclarationException: Action names must be unique within a stage");
        assertThat(check(pipeline(List.of(invoke("Go", 1, List.of(), List.of("Src1"), "x")))))
                .startsWith("InvalidStructureException: Output Artifact Bundle name must be unique within the pipeline");
        assertThat(check(pipeline(List.of(invoke("Go", 1, List.of(), List.of(), "x").toBuilder()
                .configuration(Map.of("UserParameters", "x")).build()))))
                .isEqualTo("InvalidActionDeclarationException: Action configuration for action 'Go' is missing required "
                        + "configuration 'FunctionName'");
    }

    @Test
    void pipelineVariablesBelongToV2() {
        PipelineDeclaration p = pipeline(List.of(invoke("Go", 1, List.of(), List.of(), "#{variables.Env}")));
        List<PipelineVariableDeclaration> vars = List.of(new PipelineVariableDeclaration("Env", "dev", null));
        assertThat(check(p.toBuilder().variables(vars).build()))
                .startsWith("InvalidStructureException: Pipeline-level variables are available only in pipelines of type V2");
        assertThat(check(p.toBuilder().variables(vars).pipelineType(PipelineType.V2).build())).isEqualTo("ok");
        assertThat(check(p.toBuilder().pipelineType(PipelineType.V2).build()))
                .contains("the pipeline declares no variable Env");
    }
}
