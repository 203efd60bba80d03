package io.slipway.cloudformation.template.serverless;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A swagger document as SAM holds it while it builds a REST API, so that Slipway can hash it as
 * SAM does. SAM names an API's deployment {@code <Api>Deployment<hash>}, the hash being the SHA-1 of
 * Python's {@code str()} of the document, and SAM keeps such documents in dicts that iterate in
 * Python 2.7's order (CPython 2.7's open-addressing table: the key order depends on the keys'
 * Python 2 string hashes, the table's size and the history of insertions and copies). Strings that
 * came from the template print as Python 2 unicode ({@code u'...'}), strings SAM wrote itself
 * print plain ({@code '...'}).
 *
 * <p>Keys are always strings. Values are Py27Dict, {@link Plain} (a dict SAM builds with Python 3
 * ordering), lists, {@link Text}, numbers, booleans or null.
 */
final class Py27Dict {
    private static final int MINSIZE = 8;
    private static final int PERTURB_SHIFT = 5;
    private static final String DUMMY = new String("<dummy>");

    /** A string value, with whether Python sees it as a template (unicode) string. */
    record Text(String value, boolean unicode) {
        static Text plain(String value) {
            return new Text(value, false);
        }

        static Text unicode(String value) {
            return new Text(value, true);
        }
    }

    /** A dict SAM builds as a plain Python 3 dict ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}): insertion order, plain keys. */
    record Plain(LinkedHashMap<String, Object> entries) {
        static Plain of(String key, Object value) {
            LinkedHashMap<String, Object> entries = new LinkedHashMap<>();
            entries.put(key, value);
            return new Plain(entries);
        }
    }

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> unicodeKeys = new HashSet<>();
    // The slots of CPython 2.7's table, by index: a key or DUMMY.
    private TreeMap<Integer, String> slots = new TreeMap<>();
    private int size;
    private int fill;
    private int mask = MINSIZE - 1;

    /** Sets a key SAM writes itself (a plain string). */
    Py27Dict put(String key, Object value) {
        return put(key, false, value);
    }

    /** Sets a key that came from the template (a unicode string). */
    Py27Dict putUnicode(String key, Object value) {
        return put(key, true, value);
    }

    Py27Dict put(String key, boolean unicode, Object value) {
        values.put(key, value);
        if (unicode) {
            unicodeKeys.add(key);
        }
        add(key);
        return this;
    }

    /** Python's {@code del}: the key's slot becomes a dummy, which later insertions may reuse. */
    void remove(String key) {
        if (!values.containsKey(key)) {
            return;
        }
        values.remove(key);
        unicodeKeys.remove(key);
        int i = slotOf(key);
        if (key.equals(slots.get(i))) {
            slots.put(i, DUMMY);
            size--;
        }
    }

    /** Python's {@code setdefault}: the value, added first when absent. */
    Object setDefault(String key, boolean unicode, Object value) {
        if (!values.containsKey(key)) {
            put(key, unicode, value);
        }
        return values.get(key);
    }

    Object get(String key) {
        return values.get(key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The keys in Python 2.7's iteration order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (String key : slots.values()) {
            if (key != DUMMY) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Python's {@code copy.deepcopy}: each dict's keys are added again, in iteration order, to a new table. */
    Py27Dict deepCopy() {
        Py27Dict copy = new Py27Dict();
        for (String key : keys()) {
            copy.put(key, unicodeKeys.contains(key), copyOf(values.get(key)));
        }
        return copy;
    }

    private static Object copyOf(Object value) {
        if (value instanceof Py27Dict dict) {
            return dict.deepCopy();
        }
        if (value instanceof Plain plain) {
            LinkedHashMap<String, Object> entries = new LinkedHashMap<>();
            plain.entries().forEach((k, v) -> entries.put(k, copyOf(v)));
            return new Plain(entries);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(copyOf(item)));
            return copy;
        }
        return value;
    }

    /** A template value as SAM converts it before building APIs: dicts become Py27Dicts, strings unicode. */
    static Object fromTemplate(Object value) {
        if (value instanceof Map<?, ?> map) {
            Py27Dict dict = new Py27Dict();
            map.forEach((key, item) -> dict.putUnicode(String.valueOf(key), fromTemplate(item)));
            return dict;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(fromTemplate(item)));
            return copy;
        }
        if (value instanceof String text) {
            return Text.unicode(text);
        }
        return value;
    }

    /** The document as the template's Body: maps in insertion order, plain strings. */
    static Object toTemplate(Object value) {
        if (value instanceof Py27Dict dict) {
            Map<String, Object> out = new LinkedHashMap<>();
            dict.keys().forEach(key -> out.put(key, toTemplate(dict.values.get(key))));
            return out;
        }
        if (value instanceof Plain plain) {
            Map<String, Object> out = new LinkedHashMap<>();
            plain.entries().forEach((key, item) -> out.put(key, toTemplate(item)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(toTemplate(item)));
            return out;
        }
        if (value instanceof Text text) {
            return text.value();
        }
        return value;
    }

    /** Python's {@code str()} of the value, as SAM prints it into the hash. */
    static String str(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case Py27Dict dict -> {
                out.append('{');
                boolean first = true;
                for (String key : dict.keys()) {
                    out.append(first ? "" : ", ");
                    first = false;
                    out.append(repr(key, dict.unicodeKeys.contains(key))).append(": ");
                    write(out, dict.values.get(key));
                }
                out.append('}');
            }
            case Plain plain -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> entry : plain.entries().entrySet()) {
                    out.append(first ? "" : ", ");
                    first = false;
                    out.append(repr(entry.getKey(), false)).append(": ");
                    write(out, entry.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    write(out, list.get(i));
                }
                out.append(']');
            }
            case Text text -> out.append(repr(text.value(), text.unicode()));
            case String text -> out.append(repr(text, false));
            case Boolean bool -> out.append(bool ? "True" : "False");
            case null -> out.append("None");
            case BigDecimal decimal -> out.append(decimal.toPlainString());
            default -> out.append(value);
        }
    }

    /**
     * Python's {@code repr} of a string: single quotes unless the text holds one and no double
     * quote; a unicode string gets the {@code u} prefix. UNVERIFIED for non-ASCII text, which
     * Python 3 prints as is and SAM's unicode strings print escaped.
     */
    static String repr(String text, boolean unicode) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(unicode ? "u" : "").append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else if (unicode && c > 0x7f) {
                        out.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    /** Python 2.7's hash of a string (stringobject.c), as the 64-bit unsigned value the dict uses. */
    static long hash(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        long x = ((long) text.charAt(0)) << 7;
        for (int i = 0; i < text.length(); i++) {
            x = (1000003L * x) ^ text.charAt(i);
        }
        return x ^ text.length();
    }

    private int slotOf(String key) {
        long h = hash(key);
        int i = (int) (h & mask);
        String found = slots.get(i);
        if (found == null || found.equals(key)) {
            return i;
        }
        Integer free = found == DUMMY ? i : null;
        long walker = i;
        long perturb = h;
        while (slots.containsKey(i) && !key.equals(slots.get(i))) {
            walker = (walker << 2) + walker + perturb + 1;
            i = (int) (walker & mask);
            if (!slots.containsKey(i)) {
                return free == null ? i : free;
            }
            if (key.equals(slots.get(i))) {
                return i;
            }
            if (free == null && slots.get(i) == DUMMY) {
                free = i;
            }
            perturb >>>= PERTURB_SHIFT;
        }
        return i;
    }

    private void add(String key) {
        int startSize = size;
        int i = slotOf(key);
        String current = slots.get(i);
        if (current == null) {
            size++;
            fill++;
            slots.put(i, key);
        } else {
            if (current == DUMMY) {
                size++;
            }
            if (!current.equals(key)) {
                slots.put(i, key);
            }
        }
        if (size > startSize && fill * 3 >= (mask + 1) * 2) {
            resize(size * (size > 50000 ? 2 : 4));
        }
    }

    private void resize(int request) {
        int newSize = MINSIZE;
        while (newSize <= request) {
            newSize <<= 1;
        }
        mask = newSize - 1;
        TreeMap<Integer, String> old = slots;
        slots = new TreeMap<>();
        fill = 0;
        size = 0;
        for (String key : old.values()) {
            if (key != DUMMY) {
                add(key);
            }
        }
    }
}
