package io.slipway.iam.store;

import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.LinkedHashMap;
import java.util.Map;

/** A policy embedded in a user, role or group: its name and its document as the client wrote it. */
public record InlinePolicy(String policyName, String policyDocument) implements AwsStructure {
    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    static final Shape SHAPE = new Shape("InlinePolicy", ShapeType.STRUCTURE)
            .member(Member.of("PolicyName", STRING)).member(Member.of("PolicyDocument", STRING));

    static InlinePolicy fromDocument(Map<String, Object> d) {
        return new InlinePolicy((String) d.get("PolicyName"), (String) d.get("PolicyDocument"));
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>(4);
        Documents.put(d, "PolicyName", policyName);
        Documents.put(d, "PolicyDocument", policyDocument);
        return d;
    }
}
