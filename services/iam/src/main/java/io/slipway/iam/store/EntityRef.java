package io.slipway.iam.store;

import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reference from one IAM entity to another (a policy's user, a group's member, a role's
 * instance profile), with what listings show of it, so that a listing reads no other document.
 *
 * @param type what it is: {@code User}, {@code Role}, {@code Group} or {@code InstanceProfile}
 * @param id   its unique id ({@code AIDA…}, {@code AROA…}, {@code AGPA…}, {@code AIPA…})
 */
public record EntityRef(String type, String name, String id, String path) implements AwsStructure {
    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    static final Shape SHAPE = new Shape("EntityRef", ShapeType.STRUCTURE)
            .member(Member.of("Type", STRING)).member(Member.of("Name", STRING))
            .member(Member.of("Id", STRING)).member(Member.of("Path", STRING));

    static EntityRef fromDocument(Map<String, Object> d) {
        return new EntityRef((String) d.get("Type"), (String) d.get("Name"), (String) d.get("Id"), (String) d.get("Path"));
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>(8);
        Documents.put(d, "Type", type);
        Documents.put(d, "Name", name);
        Documents.put(d, "Id", id);
        Documents.put(d, "Path", path);
        return d;
    }
}
