package io.slipway.it.fuzz;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.Shape;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad inputs the fuzz suite makes of an operation, from its model: for each member, missing,
 * null, empty, of the wrong type, too long, out of range, not in its enum, against its pattern,
 * invalid Unicode and deeply nested; then bodies broken as a whole, in the protocol's own syntax.
 */
final class Mutations {
    private static final int DEEP = 5_000;

    private Mutations() {
    }

    /** Every case for one operation, the valid request first. */
    static List<FuzzCase> of(ServedService service, Operation op) {
        Map<String, Object> valid = ValidValues.of(op.input());
        List<FuzzCase> cases = new ArrayList<>();
        cases.add(FuzzCase.ofDocument("valid", valid));
        if (op.input() != null) {
            for (Member m : op.input().members()) {
                for (Map.Entry<String, Object> variant : variants(m).entrySet()) {
                    Map<String, Object> doc = new LinkedHashMap<>(valid);
                    if (variant.getValue() == MISSING) {
                        if (doc.remove(m.name()) == null) {
                            continue;
                        }
                    } else {
                        doc.put(m.name(), variant.getValue());
                    }
                    cases.add(FuzzCase.ofDocument(m.name() + ": " + variant.getKey(), doc));
                }
            }
        }
        cases.addAll(WireBreakage.of(service, valid));
        return cases;
    }

    private static final Object MISSING = new Object();

    /** The bad values of one member, by label. */
    static Map<String, Object> variants(Member member) {
        Shape t = member.target();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("missing", MISSING);
        v.put("null", FuzzCase.Null.VALUE);
        v.put("empty string", "");
        v.put("deeply nested", nested(DEEP));
        v.put("invalid unicode", "\uD800a\uDFFF\u0000");
        switch (t.type()) {
            case STRING -> {
                v.put("number for a string", 123456789L);
                v.put("list for a string", List.of("a"));
                v.put("too long", "a".repeat((int) Math.min(t.maxLength() == null ? 70_000 : t.maxLength() + 1, 300_000)));
                v.put("against the pattern", "\u0000<x>/../%00 '\"");
                if (!t.enumValues().isEmpty()) {
                    v.put("not in the enum", "NotAValue");
                }
            }
            case INTEGER, LONG, BYTE, SHORT, BIG_INTEGER, DOUBLE, FLOAT, BIG_DECIMAL -> {
                v.put("string for a number", "twelve");
                v.put("below the range", t.minValue() == null ? -1L : (long) (t.minValue() - 1));
                v.put("above the range", t.maxValue() == null ? Long.MAX_VALUE : (long) (t.maxValue() + 1));
                v.put("huge", new FuzzCase.Raw("1e99999"));
                v.put("fraction", 1.5);
            }
            case BOOLEAN -> {
                v.put("string for a boolean", "yes");
                v.put("number for a boolean", 1L);
            }
            case TIMESTAMP -> {
                v.put("text for a timestamp", "yesterday");
                v.put("far-future timestamp", new FuzzCase.Raw("1e20"));
                v.put("negative timestamp", -1L);
            }
            case BLOB -> {
                v.put("not base64", "%%%not base64%%%");
                v.put("large blob", new byte[200_000]);
            }
            case LIST -> {
                v.put("scalar for a list", "a");
                v.put("1,001 elements", Collections.nCopies(1_001, ValidValues.of(t.listMember().target(), 3)));
                v.put("null element", Collections.singletonList(null));
            }
            case MAP -> {
                v.put("list for a map", List.of("a"));
                Map<String, Object> many = new LinkedHashMap<>();
                for (int i = 0; i < 300; i++) {
                    many.put("k" + i, "v");
                }
                v.put("300 entries", many);
                v.put("empty key", Map.of("", "v"));
            }
            case STRUCTURE -> {
                v.put("scalar for a structure", "a");
                v.put("empty structure", Map.of());
                v.put("unknown member", Map.of("NoSuchMember", 1L));
            }
            case DOCUMENT -> v.put("scalar document", "a");
        }
        return v;
    }

    static Object nested(int depth) {
        Object value = "bottom";
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    static byte[] invalidUtf8() {
        return new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2, (byte) 0x28, (byte) 0xFF, 0};
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
