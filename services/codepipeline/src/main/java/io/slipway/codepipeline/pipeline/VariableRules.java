package io.slipway.codepipeline.pipeline;

import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.InputArtifact;
import io.slipway.model.codepipeline.OutputArtifact;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.PipelineType;
import io.slipway.model.codepipeline.PipelineVariableDeclaration;
import io.slipway.model.codepipeline.StageDeclaration;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_ACTION_DECLARATION;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_STRUCTURE;

/**
 * Namespaces and {@code #{namespace.key}} references: a namespace is declared once in the pipeline,
 * is not an artifact's name and not a reserved one; a reference names {@code codepipeline}, a
 * namespace of an action that runs earlier (an earlier stage, or a lower runOrder in the same
 * stage), or, in a V2 pipeline, {@code variables.<declared variable>}. References resolve just
 * before an action runs, so a producer must have finished by then.
 */
final class VariableRules {
    static final String EXECUTION_NAMESPACE = "codepipeline";
    static final String PIPELINE_VARIABLES = "variables";
    private static final Pattern REFERENCE = Pattern.compile("#\\{([^}.]+)\\.([^}]+)}");

    private VariableRules() {
    }

    static void check(PipelineDeclaration p) {
        Set<String> variables = declaredVariables(p);
        Set<String> artifacts = artifactNames(p);
        Map<String, String> declaredBy = new HashMap<>();
        for (StageDeclaration stage : p.stages()) {
            for (ActionDeclaration a : StageActions.actions(stage)) {
                String ns = a.namespace();
                if (ns == null) {
                    continue;
                }
                if (declaredBy.put(ns, a.name()) != null) {
                    throw INVALID_ACTION_DECLARATION.exception("Namespaces must be unique across the pipeline definition. "
                            + "The following occur more than once in the pipeline. StageName=[" + stage.name()
                            + "], ActionName=[" + a.name() + "], Namespace=[" + ns + "]");
                }
                if (ns.equals(EXECUTION_NAMESPACE) || ns.equals(PIPELINE_VARIABLES)) {
                    throw INVALID_ACTION_DECLARATION.exception("Action " + a.name() + " declares the namespace " + ns
                            + ", which is reserved");
                }
                if (artifacts.contains(ns)) {
                    throw INVALID_ACTION_DECLARATION.exception("Action " + a.name() + " declares the namespace " + ns
                            + ", which is also the name of an artifact");
                }
            }
        }
        Set<String> earlier = new HashSet<>();
        for (StageDeclaration stage : p.stages()) {
            for (ActionDeclaration a : StageActions.actions(stage)) {
                Set<String> visible = new HashSet<>(earlier);
                StageActions.actions(stage).stream()
                        .filter(o -> o.namespace() != null && StageActions.runOrder(o) < StageActions.runOrder(a))
                        .forEach(o -> visible.add(o.namespace()));
                references(p, stage, a, visible, variables);
            }
            StageActions.actions(stage).stream().filter(a -> a.namespace() != null).forEach(a -> earlier.add(a.namespace()));
        }
    }

    private static void references(PipelineDeclaration p, StageDeclaration stage, ActionDeclaration a, Set<String> visible,
                                   Set<String> variables) {
        if (a.configuration() == null) {
            return;
        }
        for (String value : a.configuration().values()) {
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                String ns = m.group(1);
                String key = m.group(2);
                boolean ok = ns.equals(EXECUTION_NAMESPACE) || visible.contains(ns)
                        || (ns.equals(PIPELINE_VARIABLES) && p.pipelineType() == PipelineType.V2 && variables.contains(key));
                if (!ok) {
                    throw INVALID_ACTION_DECLARATION.exception("Action " + a.name() + " in stage " + stage.name()
                            + " refers to " + m.group() + ", but " + (ns.equals(PIPELINE_VARIABLES)
                            ? "the pipeline declares no variable " + key
                            : "no action that runs before it declares the namespace " + ns));
                }
            }
        }
    }

    private static Set<String> declaredVariables(PipelineDeclaration p) {
        Set<String> names = new HashSet<>();
        List<PipelineVariableDeclaration> declared = p.variables() == null ? List.of() : p.variables();
        for (PipelineVariableDeclaration v : declared) {
            if (!names.add(v.name())) {
                throw INVALID_STRUCTURE.exception("Pipeline variable names must be unique; " + v.name()
                        + " is declared more than once");
            }
        }
        return names;
    }

    private static Set<String> artifactNames(PipelineDeclaration p) {
        Set<String> names = new HashSet<>();
        for (StageDeclaration stage : p.stages()) {
            for (ActionDeclaration a : StageActions.actions(stage)) {
                Stream.ofNullable(a.outputArtifacts()).flatMap(List::stream).map(OutputArtifact::name).forEach(names::add);
                Stream.ofNullable(a.inputArtifacts()).flatMap(List::stream).map(InputArtifact::name).forEach(names::add);
            }
        }
        return names;
    }
}
