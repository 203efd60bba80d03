package io.slipway.it.fuzz;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value every constraint of a shape accepts (length, range, pattern, enum), so that the requests
 * built on it reach past validation into the operation; the mutations then break one thing at a
 * time. Documents are plain Java values: maps by member name, lists, strings, numbers, booleans,
 * {@link Instant}s for timestamps and byte arrays for blobs.
 */
final class ValidValues {
    /** Strings tried in turn against a pattern; between them they fit most of the models' identifier patterns. */
    private static final List<String> CANDIDATES = List.of("fuzz", "slipway-fuzz", "Fuzz", "a", "1", "12345",
            "d-ABCDEFGHI", "000000000000", "us-east-1", "$LATEST", "fuzz.zip", "AAAA",
            "arn:aws:iam::000000000000:role/fuzz", "arn:aws:lambda:us-east-1:000000000000:function:fuzz",
            "arn:aws:codedeploy:us-east-1:000000000000:application:fuzz", "Fuzz::Test::Hook",
            "00000000-0000-0000-0000-000000000000", "fuzz@example.com", "https://example.com/fuzz", "{}",
            "2026-01-01T00:00:00Z", "Build", "Custom");
    private static final int MAX_DEPTH = 5;
    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

    private ValidValues() {
    }

    /** Values chosen for members by name, wherever in the input they are (for example another account's resource names). */
    @FunctionalInterface
    interface Chosen {
        Chosen NONE = member -> null;

        /** The value for this member, or null to make one up. */
        Object valueFor(Member member);
    }

    /** The input document: required members, and optional scalars that constraints allow. */
    static Map<String, Object> of(Shape input) {
        return input == null ? new LinkedHashMap<>() : structure(input, 0, true, Chosen.NONE);
    }

    /** Required members, the chosen ones wherever they are, and nothing else. */
    static Map<String, Object> of(Shape input, Chosen chosen) {
        return input == null ? new LinkedHashMap<>() : structure(input, 0, false, chosen);
    }

    static Object of(Shape shape, int depth) {
        return of(shape, depth, Chosen.NONE);
    }

    private static Object of(Shape shape, int depth, Chosen chosen) {
        return switch (shape.type()) {
            case STRUCTURE -> structure(shape, depth, false, chosen);
            case LIST -> depth >= MAX_DEPTH ? List.of() : List.of(of(shape.listMember().target(), depth + 1, chosen));
            case MAP -> depth >= MAX_DEPTH ? Map.of() : Map.of(string(shape.mapKey().target()),
                    of(shape.mapValue().target(), depth + 1, chosen));
            case STRING -> string(shape);
            case INTEGER, LONG, BYTE, SHORT, BIG_INTEGER -> (long) Math.max(1, shape.minValue() == null ? 1
                    : Math.min(shape.minValue(), shape.maxValue() == null ? Double.MAX_VALUE : shape.maxValue()));
            case DOUBLE, FLOAT, BIG_DECIMAL -> shape.minValue() == null ? 1.5 : shape.minValue();
            case BOOLEAN -> Boolean.TRUE;
            case TIMESTAMP -> TIME;
            case BLOB -> "fuzz".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case DOCUMENT -> Map.of();
        };
    }

    private static Map<String, Object> structure(Shape shape, int depth, boolean top, Chosen chosen) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Member> members = shape.members();
        if (shape.isUnion() && !members.isEmpty()) {
            out.put(members.getFirst().name(), of(members.getFirst().target(), depth + 1, chosen));
            return out;
        }
        for (Member m : members) {
            Object value = chosen.valueFor(m);
            if (value != null) {
                out.put(m.name(), value);
                continue;
            }
            boolean scalar = m.target().type() != io.slipway.model.runtime.ShapeType.STRUCTURE
                    && m.target().type() != io.slipway.model.runtime.ShapeType.LIST
                    && m.target().type() != io.slipway.model.runtime.ShapeType.MAP;
            if (m.isRequired() || (top && scalar && !SKIPPED_OPTIONALS.contains(m.name()))) {
                if (depth < MAX_DEPTH || m.isRequired()) {
                    out.put(m.name(), of(m.target(), depth + 1, chosen));
                }
            }
        }
        return out;
    }

    /** Optional members whose mere presence changes what an operation does, left out of the base request. */
    private static final Set<String> SKIPPED_OPTIONALS = Set.of("DryRun", "NextToken", "nextToken", "Marker",
            "ContinuationToken", "ClientRequestToken", "clientRequestToken", "ClientToken", "clientToken");

    static String string(Shape shape) {
        if (!shape.enumValues().isEmpty()) {
            return shape.enumValues().iterator().next();
        }
        int min = shape.minLength() == null ? 1 : (int) Math.max(1, shape.minLength());
        int max = shape.maxLength() == null ? Integer.MAX_VALUE : shape.maxLength().intValue();
        for (String c : CANDIDATES) {
            if (c.length() >= min && c.length() <= max && (shape.pattern() == null || shape.compiledPattern().matcher(c).matches())) {
                return c;
            }
        }
        return "a".repeat(Math.min(min, 2048));
    }
}
