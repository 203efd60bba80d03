package io.slipway.core.codec;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules a JSON protocol adds to the shapes. awsJson keys members by their model names and
 * reads leniently, as it always has; restJson1 keys them by jsonName (botocore's body
 * {@code locationName}) and rejects what its server tests call malformed: a timestamp not in its
 * member's format, a null in a dense list or map, a union with other than one member set.
 */
public enum JsonDialect {
    AWS_JSON,
    REST_JSON;

    /** Per shape: members by JSON key, computed once (Shape has identity equality, so this is a per-graph cache). */
    private static final Map<Shape, Map<String, Member>> BY_KEY = new ConcurrentHashMap<>();

    boolean strict() {
        return this == REST_JSON;
    }

    /** The key a member has in a JSON object of this dialect. */
    String key(Member m) {
        if (this == AWS_JSON) {
            return m.name();
        }
        if (m.jsonName() != null) {
            return m.jsonName();
        }
        return m.location() == null && m.locationName() != null ? m.locationName() : m.name();
    }

    /** The member a JSON key names in this dialect, or null. */
    Member member(Shape shape, String key) {
        if (this == AWS_JSON) {
            return shape.member(key);
        }
        return BY_KEY.computeIfAbsent(shape, s -> {
            Map<String, Member> byKey = new HashMap<>();
            s.members().forEach(m -> byKey.put(key(m), m));
            return byKey;
        }).get(key);
    }

    /**
     * Whether a top-level input member travels in the JSON body. A binding that means nothing in
     * a request (statusCode) leaves the member in the body, as Smithy says.
     */
    public static boolean inRequestBody(Member m) {
        return !m.isPayload() && (m.location() == null || switch (m.location()) {
            case HttpBindings.URI, HttpBindings.QUERY, HttpBindings.HEADER, HttpBindings.HEADERS -> false;
            default -> true;
        });
    }

    /** Whether a top-level output member travels in the JSON body (uri and querystring mean nothing in a response). */
    public static boolean inResponseBody(Member m) {
        return !m.isPayload() && (m.location() == null || switch (m.location()) {
            case HttpBindings.HEADER, HttpBindings.HEADERS, HttpBindings.STATUS_CODE -> false;
            default -> true;
        });
    }
}
