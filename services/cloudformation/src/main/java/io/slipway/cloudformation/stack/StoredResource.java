package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.model.cloudformation.ResourceStatus;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource of a stack as the engine left it: its status, the physical resource it stands for,
 * the properties it was last provisioned with and the attributes {@code Fn::GetAtt} reads.
 *
 * @param retired         physical resources this one replaced; they are deleted when the update is done
 * @param callbackContext what the provider's handler left while the action in progress waits
 *                        (empty when it does not): the engine calls the handler again with it
 * @param noEcho          the attributes are secret: outputs that read them are masked
 * @param waitUntil       while the action waits: when its handler asked to be called again (null otherwise)
 */
record StoredResource(String logicalId, String type, Optional<String> physicalId, ResourceStatus status,
                      Optional<String> reason, Instant updatedAt, Map<String, Object> properties,
                      Map<String, Object> attributes, List<Retired> retired,
                      Map<String, Object> callbackContext, boolean noEcho, Instant waitUntil) implements AwsStructure {

    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    /** Any JSON value: properties and attributes as the template and providers give them. */
    static final Shape DOCUMENT = new Shape("Document", ShapeType.DOCUMENT);
    private static final Shape TIMESTAMP = new Shape("Timestamp", ShapeType.TIMESTAMP);
    private static final Shape BOOLEAN = new Shape("Boolean", ShapeType.BOOLEAN);
    private static final Shape RETIRED = new Shape("RetiredResource", ShapeType.STRUCTURE)
            .member(Member.of("physicalId", STRING)).member(Member.of("properties", DOCUMENT))
            .member(Member.of("attributes", DOCUMENT)).member(Member.of("callbackContext", DOCUMENT))
            .member(Member.of("deleting", BOOLEAN));
    static final Shape SHAPE = new Shape("StoredResource", ShapeType.STRUCTURE)
            .member(Member.of("logicalId", STRING)).member(Member.of("type", STRING))
            .member(Member.of("physicalId", STRING)).member(Member.of("status", STRING))
            .member(Member.of("reason", STRING)).member(Member.of("updatedAt", TIMESTAMP))
            .member(Member.of("properties", DOCUMENT)).member(Member.of("attributes", DOCUMENT))
            .member(Member.of("retired", new Shape("RetiredResources", ShapeType.LIST)
                    .listMember(Member.of("member", RETIRED))))
            .member(Member.of("callbackContext", DOCUMENT)).member(Member.of("noEcho", BOOLEAN))
            .member(Member.of("waitUntil", TIMESTAMP));

    /**
     * A physical resource that was replaced and waits to be deleted; {@code callbackContext} while its
     * delete waits; {@code deleting} once its DELETE_IN_PROGRESS event is written, so a step re-run
     * after a restart does not write it twice.
     */
    record Retired(String physicalId, Map<String, Object> properties, Map<String, Object> attributes,
                   Map<String, Object> callbackContext, boolean deleting) {
        Retired(String physicalId, Map<String, Object> properties, Map<String, Object> attributes) {
            this(physicalId, properties, attributes, Map.of(), false);
        }

        Retired deleting(Map<String, Object> context) {
            return new Retired(physicalId, properties, attributes, context, true);
        }
    }

    static StoredResource started(String logicalId, String type, Instant at) {
        return new StoredResource(logicalId, type, Optional.empty(), ResourceStatus.CREATE_IN_PROGRESS, Optional.empty(),
                at, Map.of(), Map.of(), List.of(), Map.of(), false, null);
    }

    /** In another status; whatever the last action waited on is over. */
    StoredResource in(ResourceStatus next, Optional<String> why, Instant at) {
        return new StoredResource(logicalId, type, physicalId, next, why, at, properties, attributes, retired, Map.of(),
                noEcho, null);
    }

    StoredResource provisioned(ResourceStatus next, Provisioned p, Map<String, Object> props, Instant at) {
        return new StoredResource(logicalId, type, Optional.of(p.physicalId()), next, Optional.empty(), at, props,
                p.attributes(), retired, Map.of(), p.noEcho(), null);
    }

    StoredResource withRetired(List<Retired> next) {
        return new StoredResource(logicalId, type, physicalId, status, reason, updatedAt, properties, attributes, next,
                callbackContext, noEcho, waitUntil);
    }

    /** The same action in progress, waiting until {@code until}, with what its handler needs to carry on. */
    StoredResource waiting(Map<String, Object> context, Instant until) {
        return new StoredResource(logicalId, type, physicalId, status, reason, updatedAt, properties, attributes, retired,
                context, noEcho, until);
    }

    /** A copy with other attributes (as an evaluation that masks secrets reads them). */
    StoredResource withAttributes(Map<String, Object> next) {
        return new StoredResource(logicalId, type, physicalId, status, reason, updatedAt, properties, next, retired,
                callbackContext, noEcho, waitUntil);
    }

    /** Whether a waiting action's handler is due again at {@code now} (an action that does not wait always is). */
    boolean due(Instant now) {
        return waitUntil == null || !waitUntil.isAfter(now);
    }

    /** True while the action in progress waits: the handler was called and answered in progress. */
    boolean waits() {
        return !callbackContext.isEmpty();
    }

    Optional<Provisioned> current() {
        return physicalId.map(id -> new Provisioned(id, attributes, noEcho));
    }

    boolean complete() {
        return status == ResourceStatus.CREATE_COMPLETE || status == ResourceStatus.UPDATE_COMPLETE
                || status == ResourceStatus.IMPORT_COMPLETE;
    }

    static StoredResource fromDocument(Map<String, Object> d) {
        List<Retired> retired = Documents.toList(d.get("retired"), e -> {
            Map<String, Object> r = Documents.asMap(e);
            return new Retired((String) r.get("physicalId"), map(r.get("properties")), map(r.get("attributes")),
                    map(r.get("callbackContext")), Boolean.TRUE.equals(r.get("deleting")));
        });
        return new StoredResource((String) d.get("logicalId"), (String) d.get("type"),
                Optional.ofNullable((String) d.get("physicalId")), ResourceStatus.fromValue((String) d.get("status")),
                Optional.ofNullable((String) d.get("reason")), (Instant) d.get("updatedAt"), map(d.get("properties")),
                map(d.get("attributes")), retired == null ? List.of() : retired, map(d.get("callbackContext")),
                Boolean.TRUE.equals(d.get("noEcho")), (Instant) d.get("waitUntil"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>(16);
        Documents.put(d, "logicalId", logicalId);
        Documents.put(d, "type", type);
        Documents.put(d, "physicalId", physicalId.orElse(null));
        Documents.put(d, "status", status.value());
        Documents.put(d, "reason", reason.orElse(null));
        Documents.put(d, "updatedAt", updatedAt);
        Documents.put(d, "properties", properties);
        Documents.put(d, "attributes", attributes);
        Documents.put(d, "retired", retired.isEmpty() ? null : Documents.fromList(retired, r -> {
            Map<String, Object> m = new LinkedHashMap<>(6);
            Documents.put(m, "physicalId", r.physicalId());
            Documents.put(m, "properties", r.properties());
            Documents.put(m, "attributes", r.attributes());
            Documents.put(m, "callbackContext", r.callbackContext().isEmpty() ? null : r.callbackContext());
            Documents.put(m, "deleting", r.deleting() ? Boolean.TRUE : null);
            return m;
        }));
        Documents.put(d, "callbackContext", callbackContext.isEmpty() ? null : callbackContext);
        Documents.put(d, "noEcho", noEcho ? Boolean.TRUE : null);
        Documents.put(d, "waitUntil", waitUntil);
        return d;
    }
}
