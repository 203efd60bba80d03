package io.slipway.cloudformation.stack;

import io.slipway.model.cloudformation.CloudFormationModel;
import io.slipway.model.cloudformation.Stack;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A stack as stored: what DescribeStacks shows, the template and parameter values it was last
 * given (NoEcho values in clear: the view masks them), and the operation under way, if any.
 */
record StoredStack(Stack view, String templateBody, Map<String, String> parameters, Optional<Operation> operation,
                   String originalBody) implements AwsStructure {

    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    private static final Shape STRINGS = new Shape("StringMap", ShapeType.MAP)
            .mapEntry(Member.of("key", STRING), Member.of("value", STRING));
    static final Shape SHAPE = new Shape("StoredStack", ShapeType.STRUCTURE)
            .member(Member.of("view", CloudFormationModel.MODEL.shape("Stack")))
            .member(Member.of("templateBody", STRING))
            .member(Member.of("parameters", STRINGS))
            .member(Member.of("operation", Operation.SHAPE))
            .member(Member.of("originalBody", STRING));

    /** A stack whose template ran without transforms: the template as given is the one that runs. */
    StoredStack(Stack view, String templateBody, Map<String, String> parameters, Optional<Operation> operation) {
        this(view, templateBody, parameters, operation, null);
    }

    StoredStack withView(Stack next) {
        return new StoredStack(next, templateBody, parameters, operation, originalBody);
    }

    StoredStack withOperation(Optional<Operation> next) {
        return new StoredStack(view, templateBody, parameters, next, originalBody);
    }

    /**
     * The template as the caller gave it (GetTemplate's Original stage); {@link #templateBody} is the
     * one that runs, with transforms applied (Processed), and the same text when there were none.
     */
    String original() {
        return originalBody == null ? templateBody : originalBody;
    }

    String stackId() {
        return view.stackId();
    }

    String stackName() {
        return view.stackName();
    }

    static StoredStack fromDocument(Map<String, Object> d) {
        return new StoredStack(Documents.toStructure(d.get("view"), Stack::fromDocument), (String) d.get("templateBody"),
                strings(d.get("parameters")),
                Optional.ofNullable(Documents.toStructure(d.get("operation"), Operation::fromDocument)),
                (String) d.get("originalBody"));
    }

    static Map<String, String> strings(Object value) {
        Map<String, String> m = Documents.toMap(value, String.class::cast);
        return m == null ? Map.of() : m;
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>(5);
        Documents.put(d, "view", Documents.fromStructure(view));
        Documents.put(d, "templateBody", templateBody);
        Documents.put(d, "parameters", Documents.fromMap(parameters, v -> v));
        Documents.put(d, "operation", operation.map(Documents::fromStructure).orElse(null));
        Documents.put(d, "originalBody", originalBody);
        return d;
    }

    /**
     * What the engine is doing to the stack. An update keeps the template and parameters it
     * replaces: a rollback is an update back to them.
     *
     * @param kind     CREATE, UPDATE or DELETE: what the user asked for
     * @param phase    RUN, then CLEANUP (removed and replaced resources go), or ROLLBACK and then ROLLBACK_CLEANUP
     * @param reason   why the operation is rolling back (the first failure)
     * @param previousOriginalBody the replaced template as given, when transforms changed it (null otherwise)
     */
    record Operation(String kind, String phase, String previousTemplateBody, Map<String, String> previousParameters,
                     String reason, String changeSetId, String previousOriginalBody) implements AwsStructure {
        static final Shape SHAPE = new Shape("StackOperation", ShapeType.STRUCTURE)
                .member(Member.of("kind", STRING)).member(Member.of("phase", STRING))
                .member(Member.of("previousTemplateBody", STRING)).member(Member.of("previousParameters", STRINGS))
                .member(Member.of("reason", STRING)).member(Member.of("changeSetId", STRING))
                .member(Member.of("previousOriginalBody", STRING));

        Operation(String kind, String phase, String previousTemplateBody, Map<String, String> previousParameters,
                  String reason, String changeSetId) {
            this(kind, phase, previousTemplateBody, previousParameters, reason, changeSetId, null);
        }

        Operation inPhase(String next, String why) {
            return new Operation(kind, next, previousTemplateBody, previousParameters, reason == null ? why : reason,
                    changeSetId, previousOriginalBody);
        }

        /** The stack as it was before the update: what an update's rollback returns it to. */
        StoredStack restore(StoredStack s) {
            return new StoredStack(s.view(), previousTemplateBody, previousParameters, s.operation(), previousOriginalBody);
        }

        static Operation fromDocument(Map<String, Object> d) {
            return new Operation((String) d.get("kind"), (String) d.get("phase"), (String) d.get("previousTemplateBody"),
                    strings(d.get("previousParameters")), (String) d.get("reason"), (String) d.get("changeSetId"),
                    (String) d.get("previousOriginalBody"));
        }

        @Override
        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>(7);
            Documents.put(d, "kind", kind);
            Documents.put(d, "phase", phase);
            Documents.put(d, "previousTemplateBody", previousTemplateBody);
            Documents.put(d, "previousParameters", Documents.fromMap(previousParameters, v -> v));
            Documents.put(d, "reason", reason);
            Documents.put(d, "changeSetId", changeSetId);
            Documents.put(d, "previousOriginalBody", previousOriginalBody);
            return d;
        }
    }
}
