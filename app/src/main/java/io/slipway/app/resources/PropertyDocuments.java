package io.slipway.app.resources;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Template objects turned into documents of an API shape, for the many properties whose
 * CloudFormation form is the API's with the first letter of each name capitalised
 * (AutoRollbackConfiguration.Events is autoRollbackConfiguration.events). The model says which
 * member each name is and what type its value has, so numbers written as strings become numbers,
 * and map keys (such as an action's Configuration) are kept as written. Properties whose form
 * differs from the API's are mapped by hand in their provider before this runs.
 */
final class PropertyDocuments {

    private PropertyDocuments() {
    }

    /** {@code p}'s values as a document of {@code shape}; a name the shape lacks fails validation. */
    static Map<String, Object> structure(Shape shape, ResourceProperties p) {
        Map<String, Object> document = new LinkedHashMap<>();
        for (String key : p.values().keySet()) {
            if (p.values().get(key) == null) {
                continue;
            }
            Member member = member(shape, key);
            if (member == null) {
                throw p.invalid(p.path() + ": extraneous key [" + key + "] is not permitted");
            }
            document.put(member.name(), value(member.target(), p, key));
        }
        return document;
    }

    private static Object value(Shape shape, ResourceProperties p, String key) {
        return switch (shape.type()) {
            case STRUCTURE -> structure(shape, p.object(key).orElseThrow());
            case LIST -> list(shape, p, key);
            case MAP -> map(shape, p.object(key).orElseThrow());
            case STRING -> enumMember(shape, p, key, p.string(key).orElseThrow());
            case INTEGER, SHORT, BYTE -> p.integer(key).orElseThrow();
            case LONG -> p.integer(key).map(Integer::longValue).orElseThrow();
            case DOUBLE, FLOAT, BIG_DECIMAL -> p.decimal(key).orElseThrow();
            case BOOLEAN -> p.bool(key).orElseThrow();
            case DOCUMENT -> p.values().get(key);
            default -> throw p.invalid(p.path() + "/" + key + ": cannot be written in a template");
        };
    }

    private static List<Object> list(Shape shape, ResourceProperties p, String key) {
        List<Object> items = p.list(key);
        List<Object> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ResourceProperties item = new ResourceProperties(p.logicalId(), p.path() + "/" + key, Map.of(
                    Integer.toString(i), items.get(i)));
            out.add(value(shape.listMember().target(), item, Integer.toString(i)));
        }
        return out;
    }

    private static Map<String, Object> map(Shape shape, ResourceProperties p) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : p.values().keySet()) {
            out.put(key, value(shape.mapValue().target(), p, key));
        }
        return out;
    }

    /** Enum values are checked here: the generated records take only values the model knows. */
    private static String enumMember(Shape shape, ResourceProperties p, String key, String value) {
        if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(value)) {
            throw p.invalid(p.path() + "/" + key + ": " + value + " is not a valid enum value");
        }
        return value;
    }

    private static Member member(Shape shape, String key) {
        for (Member m : shape.members()) {
            if (m.name().equalsIgnoreCase(key)) {
                return m;
            }
        }
        return null;
    }
}
