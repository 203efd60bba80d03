package io.slipway.codepipeline.pipeline;

import io.slipway.model.codepipeline.ActionCategory;
import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionType;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.BlockerDeclaration;
import io.slipway.model.codepipeline.ExecutionMode;
import io.slipway.model.codepipeline.InputArtifact;
import io.slipway.model.codepipeline.OutputArtifact;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.PipelineTriggerDeclaration;
import io.slipway.model.codepipeline.PipelineType;
import io.slipway.model.codepipeline.Result;
import io.slipway.model.codepipeline.StageDeclaration;
import io.slipway.model.runtime.AwsException;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_ACTION_DECLARATION;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_BLOCKER_DECLARATION;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_STAGE_DECLARATION;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_STRUCTURE;

/**
 * A pipeline's structure as CodePipeline requires it (pipeline structure reference and quotas):
 * 2 to 50 stages with unique names; 1 to 50 actions a stage with unique names, 500 in all; a first
 * stage of source actions only and no source action elsewhere; inputs that earlier actions
 * produce; output artifact names unique in the pipeline; one artifact store or one per region
 * actions run in; V2-only features only in V2 pipelines. What concerns the whole pipeline is
 * InvalidStructureException, a stage InvalidStageDeclarationException, an action
 * InvalidActionDeclarationException ({@link ActionRules}, {@link VariableRules}), a blocker
 * InvalidBlockerDeclarationException. Checked with the defaults filled in (type V1, mode SUPERSEDED).
 */
final class PipelineRules {
    static final int MIN_STAGES = 2;
    static final int MAX_STAGES = 50;
    static final int MAX_STAGE_ACTIONS = 50;
    static final int MAX_ACTIONS = 500;

    private PipelineRules() {
    }

    static void check(PipelineDeclaration p, String region, Function<ActionTypeId, Optional<ActionType>> types) {
        v2Features(p);
        artifactStores(p, region);
        List<StageDeclaration> stages = p.stages();
        if (stages.size() < MIN_STAGES) {
            throw structure("Pipeline has only " + stages.size() + " stage(s). There should be a minimum of "
                    + MIN_STAGES + " stages in a pipeline");
        }
        if (stages.size() > MAX_STAGES) {
            throw structure("Pipeline has " + stages.size() + " stages. There can be at most " + MAX_STAGES
                    + " stages in a pipeline");
        }
        Set<String> stageNames = new HashSet<>();
        int actions = 0;
        for (StageDeclaration stage : stages) {
            if (!stageNames.add(stage.name())) {
                throw structure("Stage names must be unique within a pipeline. " + stage.name() + " is used more than once");
            }
            stage(stage);
            actions += StageActions.actions(stage).size();
        }
        if (actions > MAX_ACTIONS) {
            throw structure("Pipeline has " + actions + " actions. There can be at most " + MAX_ACTIONS
                    + " actions in a pipeline");
        }
        sources(stages);
        for (StageDeclaration stage : stages) {
            for (ActionDeclaration action : StageActions.actions(stage)) {
                ActionType type = ActionRules.check(region, stage, action, types.apply(action.actionTypeId()));
                crossRegion(p, region, stage, action, type);
            }
        }
        artifacts(stages);
        VariableRules.check(p);
        triggers(p);
    }

    private static void v2Features(PipelineDeclaration p) {
        if (p.pipelineType() == PipelineType.V2) {
            return;
        }
        if (p.variables() != null && !p.variables().isEmpty()) {
            throw structure("Pipeline-level variables are available only in pipelines of type V2");
        }
        if (p.executionMode() == ExecutionMode.QUEUED || p.executionMode() == ExecutionMode.PARALLEL) {
            throw structure("Execution mode " + p.executionMode() + " is available only in pipelines of type V2");
        }
        if (p.triggers() != null && !p.triggers().isEmpty()) {
            throw structure("Triggers are available only in pipelines of type V2");
        }
    }

    private static void artifactStores(PipelineDeclaration p, String region) {
        boolean one = p.artifactStore() != null;
        boolean perRegion = p.artifactStores() != null && !p.artifactStores().isEmpty();
        if (one == perRegion) {
            throw structure(one ? "A pipeline declares either artifactStore or artifactStores, not both"
                    : "A pipeline must declare an artifactStore, or artifactStores for actions in several regions");
        }
        if (perRegion && !p.artifactStores().containsKey(region)) {
            throw structure("artifactStores must include an artifact store in the pipeline's region " + region);
        }
    }

    private static void stage(StageDeclaration stage) {
        List<ActionDeclaration> actions = StageActions.actions(stage);
        if (actions.isEmpty() || actions.size() > MAX_STAGE_ACTIONS) {
            throw INVALID_STAGE_DECLARATION.exception("Stage " + stage.name() + " has " + actions.size()
                    + " actions; a stage has 1 to " + MAX_STAGE_ACTIONS + " actions");
        }
        Set<String> names = new HashSet<>();
        for (ActionDeclaration a : actions) {
            if (!names.add(a.name())) {
                throw INVALID_STAGE_DECLARATION.exception("Action names must be unique within a stage. " + a.name()
                        + " is used more than once in stage " + stage.name());
            }
        }
        Set<String> blockers = new HashSet<>();
        for (BlockerDeclaration b : stage.blockers() == null ? List.<BlockerDeclaration>of() : stage.blockers()) {
            if (!blockers.add(b.name())) {
                throw INVALID_BLOCKER_DECLARATION.exception("Blocker names must be unique within a stage. " + b.name()
                        + " is used more than once in stage " + stage.name());
            }
        }
    }

    private static void sources(List<StageDeclaration> stages) {
        if (StageActions.actions(stages.getFirst()).stream().anyMatch(a -> !isSource(a))) {
            throw structure("Pipeline should start with a stage that only contains source actions. Stage "
                    + stages.getFirst().name() + " contains other actions");
        }
        for (StageDeclaration stage : stages.subList(1, stages.size())) {
            for (ActionDeclaration a : StageActions.actions(stage)) {
                if (isSource(a)) {
                    throw structure("Source actions can only be in the first stage of a pipeline. Stage " + stage.name()
                            + " contains the source action " + a.name());
                }
            }
        }
    }

    private static void crossRegion(PipelineDeclaration p, String region, StageDeclaration stage, ActionDeclaration a,
                                    ActionType type) {
        if (a.region() == null || a.region().equals(region)) {
            return;
        }
        if (isSource(a) || type.id().owner() != ActionOwner.AWS) {
            throw INVALID_ACTION_DECLARATION.exception("Action " + a.name() + " in stage " + stage.name()
                    + " cannot run in another region: source, custom and third-party actions run in the pipeline's region");
        }
        if (p.artifactStores() == null || !p.artifactStores().containsKey(a.region())) {
            throw structure("Action " + a.name() + " runs in region " + a.region()
                    + ", for which artifactStores declares no artifact store");
        }
    }

    private static void artifacts(List<StageDeclaration> stages) {
        Map<String, String> producers = new HashMap<>();
        for (StageDeclaration stage : stages) {
            for (ActionDeclaration a : StageActions.actions(stage)) {
                for (OutputArtifact out : outputs(a).toList()) {
                    if (producers.put(out.name(), a.name()) != null) {
                        throw structure("Output Artifact Bundle name must be unique within the pipeline. " + out.name()
                                + " has been used more than once.");
                    }
                }
            }
        }
        Set<String> produced = new HashSet<>();
        for (StageDeclaration stage : stages) {
            for (ActionDeclaration a : StageActions.actions(stage)) {
                Set<String> visible = new HashSet<>(produced);
                StageActions.actions(stage).stream().filter(o -> StageActions.runOrder(o) < StageActions.runOrder(a))
                        .flatMap(PipelineRules::outputs).forEach(o -> visible.add(o.name()));
                for (InputArtifact in : a.inputArtifacts() == null ? List.<InputArtifact>of() : a.inputArtifacts()) {
                    if (!visible.contains(in.name())) {
                        throw structure("Input Artifact Bundle " + in.name() + " of action " + a.name() + " in stage "
                                + stage.name() + " is not the output artifact of an action that runs before it");
                    }
                }
            }
            StageActions.actions(stage).stream().flatMap(PipelineRules::outputs).forEach(o -> produced.add(o.name()));
        }
    }

    private static void triggers(PipelineDeclaration p) {
        List<PipelineTriggerDeclaration> triggers = p.triggers() == null ? List.of() : p.triggers();
        for (PipelineTriggerDeclaration t : triggers) {
            String source = t.gitConfiguration().sourceActionName();
            boolean found = StageActions.actions(p.stages().getFirst()).stream().anyMatch(a -> a.name().equals(source)
                    && a.actionTypeId().provider().equals("CodeStarSourceConnection"));
            if (!found) {
                throw structure("The trigger's sourceActionName " + source
                        + " is not a CodeStarSourceConnection source action of the pipeline");
            }
        }
        if (p.executionMode() == ExecutionMode.PARALLEL && p.stages().stream()
                .anyMatch(s -> s.onFailure() != null && s.onFailure().result() == Result.ROLLBACK)) {
            throw structure("Stage rollback on failure is not available in PARALLEL execution mode");
        }
    }

    private static Stream<OutputArtifact> outputs(ActionDeclaration a) {
        return a.outputArtifacts() == null ? Stream.empty() : a.outputArtifacts().stream();
    }

    private static boolean isSource(ActionDeclaration a) {
        return a.actionTypeId().category() == ActionCategory.SOURCE;
    }

    private static AwsException structure(String message) {
        return INVALID_STRUCTURE.exception(message);
    }
}
