package io.slipway.codepipeline.execution;

import io.slipway.core.codec.DocumentType;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one pipeline execution is, as the engine keeps it beside the PipelineExecution AWS shows:
 * the pipeline version it runs, its stage (-1 before the first), the runOrder group running in
 * that stage, whether a stop was asked for, the variables and artifacts earlier actions produced,
 * and the latest action execution of each action (`stage/action`).
 *
 * @param variables `namespace.key` of every output variable so far, and `variables.name` and
 *                  `codepipeline.PipelineExecutionId`
 * @param artifacts artifact name to its location, as `bucket/key` (the key may hold slashes)
 * @param revisions artifact name to the source revision it carries (an S3 object's version or ETag)
 */
record ExecutionRun(String executionId, String pipelineName, int pipelineVersion, int stage, int runOrder, Stop stop,
                    Map<String, String> variables, Map<String, String> artifacts, Map<String, String> revisions,
                    Map<String, String> actions)
        implements AwsStructure {

    /** StopPipelineExecution: none asked; stop and wait for running actions; stop and abandon them. */
    enum Stop { NONE, STOP, ABANDON }

    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    private static final Shape INT = new Shape("Integer", ShapeType.INTEGER);
    private static final Shape MAP = new Shape("StringMap", ShapeType.MAP).mapEntry(Member.of("key", STRING),
            Member.of("value", STRING));
    static final DocumentType<ExecutionRun> TYPE = new DocumentType<>("codepipeline.execution-run",
            new Shape("ExecutionRun", ShapeType.STRUCTURE)
                    .member(Member.of("executionId", STRING)).member(Member.of("pipelineName", STRING))
                    .member(Member.of("pipelineVersion", INT)).member(Member.of("stage", INT))
                    .member(Member.of("runOrder", INT)).member(Member.of("stop", STRING))
                    .member(Member.of("variables", MAP)).member(Member.of("artifacts", MAP))
                    .member(Member.of("revisions", MAP)).member(Member.of("actions", MAP)),
            ExecutionRun::fromDocument);

    ExecutionRun at(int newStage, int newRunOrder) {
        return new ExecutionRun(executionId, pipelineName, pipelineVersion, newStage, newRunOrder, stop, variables,
                artifacts, revisions, actions);
    }

    ExecutionRun stopping(Stop newStop) {
        return new ExecutionRun(executionId, pipelineName, pipelineVersion, stage, runOrder, newStop, variables,
                artifacts, revisions, actions);
    }

    ExecutionRun withAction(String stageName, String actionName, String actionExecutionId) {
        Map<String, String> a = new LinkedHashMap<>(actions);
        a.put(stageName + "/" + actionName, actionExecutionId);
        return new ExecutionRun(executionId, pipelineName, pipelineVersion, stage, runOrder, stop, variables, artifacts,
                revisions, a);
    }

    ExecutionRun withOutputs(Map<String, String> newVariables, Map<String, String> newArtifacts, String revision) {
        Map<String, String> v = new LinkedHashMap<>(variables);
        v.putAll(newVariables);
        Map<String, String> a = new LinkedHashMap<>(artifacts);
        a.putAll(newArtifacts);
        Map<String, String> r = new LinkedHashMap<>(revisions);
        if (revision != null) {
            newArtifacts.keySet().forEach(name -> r.put(name, revision));
        }
        return new ExecutionRun(executionId, pipelineName, pipelineVersion, stage, runOrder, stop, v, a, r, actions);
    }

    /** Forgets an action's execution in this run, so that the stage runs it again (RetryStageExecution). */
    ExecutionRun withoutAction(String stageName, String actionName) {
        Map<String, String> a = new LinkedHashMap<>(actions);
        a.remove(stageName + "/" + actionName);
        return new ExecutionRun(executionId, pipelineName, pipelineVersion, stage, runOrder, stop, variables, artifacts,
                revisions, a);
    }

    String actionExecutionId(String stageName, String actionName) {
        return actions.get(stageName + "/" + actionName);
    }

    @SuppressWarnings("unchecked")
    static ExecutionRun fromDocument(Map<String, Object> d) {
        return new ExecutionRun((String) d.get("executionId"), (String) d.get("pipelineName"),
                ((Number) d.get("pipelineVersion")).intValue(), ((Number) d.get("stage")).intValue(),
                ((Number) d.get("runOrder")).intValue(), Stop.valueOf((String) d.get("stop")),
                map(d.get("variables")), map(d.get("artifacts")), map(d.get("revisions")), map(d.get("actions")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> map(Object o) {
        return o == null ? Map.of() : (Map<String, String>) o;
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>();
        Documents.put(d, "executionId", executionId);
        Documents.put(d, "pipelineName", pipelineName);
        Documents.put(d, "pipelineVersion", pipelineVersion);
        Documents.put(d, "stage", stage);
        Documents.put(d, "runOrder", runOrder);
        Documents.put(d, "stop", stop.name());
        Documents.put(d, "variables", variables);
        Documents.put(d, "artifacts", artifacts);
        Documents.put(d, "revisions", revisions);
        Documents.put(d, "actions", actions);
        return d;
    }
}
