package io.slipway.cloudformation.stack;

import io.slipway.model.cloudformation.CloudFormationModel;
import io.slipway.model.cloudformation.DescribeChangeSetOutput;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change set as stored: what DescribeChangeSet shows, and the template and parameter values
 * (NoEcho ones in clear) an execution applies.
 *
 * @param changeSetType CREATE (the stack waits in REVIEW_IN_PROGRESS for it) or UPDATE
 */
record StoredChangeSet(DescribeChangeSetOutput view, String templateBody, Map<String, String> parameters,
                       String changeSetType, String originalBody) implements AwsStructure {

    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    static final Shape SHAPE = new Shape("StoredChangeSet", ShapeType.STRUCTURE)
            .member(Member.of("view", CloudFormationModel.MODEL.shape("DescribeChangeSetOutput")))
            .member(Member.of("templateBody", STRING))
            .member(Member.of("parameters", new Shape("StringMap", ShapeType.MAP)
                    .mapEntry(Member.of("key", STRING), Member.of("value", STRING))))
            .member(Member.of("changeSetType", STRING))
            .member(Member.of("originalBody", STRING));

    StoredChangeSet withView(DescribeChangeSetOutput next) {
        return new StoredChangeSet(next, templateBody, parameters, changeSetType, originalBody);
    }

    /** The template as given; {@link #templateBody} is the processed one (the same text without transforms). */
    String original() {
        return originalBody == null ? templateBody : originalBody;
    }

    static StoredChangeSet fromDocument(Map<String, Object> d) {
        return new StoredChangeSet(Documents.toStructure(d.get("view"), DescribeChangeSetOutput::fromDocument),
                (String) d.get("templateBody"), StoredStack.strings(d.get("parameters")), (String) d.get("changeSetType"),
                (String) d.get("originalBody"));
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>(4);
        Documents.put(d, "view", Documents.fromStructure(view));
        Documents.put(d, "templateBody", templateBody);
        Documents.put(d, "parameters", Documents.fromMap(parameters, v -> v));
        Documents.put(d, "changeSetType", changeSetType);
        Documents.put(d, "originalBody", originalBody);
        return d;
    }
}
