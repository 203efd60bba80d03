package io.slipway.codepipeline.pipeline;

import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.StageDeclaration;

import java.util.List;

/** A pipeline rewritten action by action (defaults, masked or restored secrets), stages and order kept. */
final class StageActions {
    private StageActions() {
    }

    @FunctionalInterface
    interface Rewrite {
        ActionDeclaration apply(StageDeclaration stage, ActionDeclaration action);
    }

    static PipelineDeclaration map(PipelineDeclaration p, Rewrite rewrite) {
        List<StageDeclaration> stages = p.stages().stream().map(s -> s.toBuilder()
                .actions(actions(s).stream().map(a -> rewrite.apply(s, a)).toList()).build()).toList();
        return p.toBuilder().stages(stages).build();
    }

    static List<ActionDeclaration> actions(StageDeclaration stage) {
        return stage.actions() == null ? List.of() : stage.actions();
    }

    static int runOrder(ActionDeclaration action) {
        return action.runOrder() == null ? 1 : action.runOrder();
    }
}
