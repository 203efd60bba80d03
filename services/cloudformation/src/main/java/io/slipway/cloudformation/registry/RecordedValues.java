package io.slipway.cloudformation.registry;

import io.slipway.core.codec.JsonCodec;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Property values as recorded resources compare and answer them. */
final class RecordedValues {
    private static final Shape DOCUMENT = new Shape("Document", ShapeType.DOCUMENT);

    private RecordedValues() {
    }

    /** What Fn::GetAtt answers for an attribute that mirrors a property: a string, or a list of strings. */
    static Object attributeValue(Object property) {
        if (property instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(o instanceof Map || o instanceof List ? json(o) : String.valueOf(o));
            }
            return out;
        }
        return property instanceof Map ? json(property) : String.valueOf(property);
    }

    /**
     * Whether two property values are the same as CloudFormation compares them: numbers by value
     * (a template's {@code 30} and a stored {@code 30.0} agree), everything else as JSON.
     */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Object k : x.keySet()) {
                if (!same(x.get(k), y.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b) || (!(a instanceof Map || a instanceof List) && String.valueOf(a).equals(String.valueOf(b)));
    }

    private static String json(Object value) {
        return new String(JsonCodec.writeRestJsonValue(DOCUMENT, value), StandardCharsets.UTF_8);
    }
}
