package io.slipway.iam.store;

import io.slipway.model.iam.IamModel;
import io.slipway.model.iam.Policy;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer managed policy as stored: what GetPolicy shows (its counts are worked out when read)
 * and how many versions it has ever had, since a version id is never given out twice.
 */
public record StoredPolicy(Policy view, int versionsCreated) implements AwsStructure {
    static final Shape SHAPE = new Shape("StoredPolicy", ShapeType.STRUCTURE)
            .member(Member.of("View", IamModel.MODEL.shape("Policy")))
            .member(Member.of("VersionsCreated", new Shape("Integer", ShapeType.INTEGER)));

    static StoredPolicy fromDocument(Map<String, Object> d) {
        Integer created = Documents.toInteger(d.get("VersionsCreated"));
        return new StoredPolicy(Documents.toStructure(d.get("View"), Policy::fromDocument), created == null ? 1 : created);
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>(4);
        Documents.put(d, "View", Documents.fromStructure(view));
        Documents.put(d, "VersionsCreated", versionsCreated);
        return d;
    }
}
