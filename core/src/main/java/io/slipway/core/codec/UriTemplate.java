package io.slipway.core.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation's {@code requestUri} as the model writes it: literal segments, {@code {Label}}
 * segments, at most one greedy {@code {Key+}} that spans one or more segments, and literal query
 * parts after {@code ?} ({@code ?versions}, {@code ?List=ALL}) that a request must carry.
 * Parsed once; matching a request is a walk over arrays, no regular expressions.
 */
public final class UriTemplate {
    private enum Kind { LITERAL, LABEL, GREEDY }

    private record Segment(Kind kind, String text) {
    }

    /** Literal query parts; {@code value} is null when only the key must be present. */
    private record QueryLiteral(String key, String value) {
    }

    /**
     * Most specific first: at the first segment where two templates differ, a literal beats a
     * label, a label beats a greedy label, and any segment beats the end of a shorter template;
     * then more required query parts win.
     */
    public static final Comparator<UriTemplate> MOST_SPECIFIC_FIRST = UriTemplate::compareSpecificity;

    private final String text;
    private final Segment[] segments;
    private final int greedy;
    private final List<QueryLiteral> query;

    private UriTemplate(String text, Segment[] segments, int greedy, List<QueryLiteral> query) {
        this.text = text;
        this.segments = segments;
        this.greedy = greedy;
        this.query = query;
    }

    public static UriTemplate parse(String template) {
        int q = template.indexOf('?');
        String path = q < 0 ? template : template.substring(0, q);
        List<QueryLiteral> query = new ArrayList<>();
        if (q >= 0) {
            for (String part : template.substring(q + 1).split("&")) {
                if (!part.isEmpty()) {
                    int eq = part.indexOf('=');
                    query.add(eq < 0 ? new QueryLiteral(part, null)
                            : new QueryLiteral(part.substring(0, eq), part.substring(eq + 1)));
                }
            }
        }
        String[] raw = split(path);
        Segment[] segments = new Segment[raw.length];
        int greedy = -1;
        for (int i = 0; i < raw.length; i++) {
            String s = raw[i];
            if (s.startsWith("{") && s.endsWith("}")) {
                boolean isGreedy = s.endsWith("+}");
                String name = s.substring(1, s.length() - (isGreedy ? 2 : 1));
                if (isGreedy) {
                    if (greedy >= 0) {
                        throw new IllegalArgumentException("Two greedy labels in " + template);
                    }
                    greedy = i;
                }
                segments[i] = new Segment(isGreedy ? Kind.GREEDY : Kind.LABEL, name);
            } else {
                segments[i] = new Segment(Kind.LITERAL, s);
            }
        }
        return new UriTemplate(template, segments, greedy, List.copyOf(query));
    }

    /** A path's segments without the leading slash: "/" has none, "/a/" has "a" and "". */
    public static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /**
     * The labels of a path given as decoded segments, or null when the path does not match. A
     * label never matches an empty segment; a greedy label's value keeps its slashes.
     */
    public Map<String, String> match(String[] path) {
        int fixed = segments.length - (greedy >= 0 ? 1 : 0);
        if (greedy < 0 ? path.length != segments.length : path.length < segments.length) {
            return null;
        }
        Map<String, String> labels = null;
        for (int i = 0; i < segments.length; i++) {
            if (i == greedy) {
                continue;
            }
            // segments after a greedy label line up with the end of the path
            int at = greedy >= 0 && i > greedy ? path.length - (segments.length - i) : i;
            Segment s = segments[i];
            String actual = path[at];
            if (s.kind() == Kind.LITERAL) {
                if (!s.text().equals(actual)) {
                    return null;
                }
            } else {
                if (actual.isEmpty()) {
                    return null;
                }
                labels = labels == null ? new HashMap<>(4) : labels;
                labels.put(s.text(), actual);
            }
        }
        if (greedy >= 0) {
            int span = path.length - fixed;
            String value = String.join("/", java.util.Arrays.copyOfRange(path, greedy, greedy + span));
            if (value.isEmpty()) {
                return null;
            }
            labels = labels == null ? new HashMap<>(2) : labels;
            labels.put(segments[greedy].text(), value);
        }
        return labels == null ? Map.of() : labels;
    }

    /** Whether the request's query carries every literal query part of the template. */
    public boolean matchesQuery(Map<String, List<String>> params) {
        for (QueryLiteral literal : query) {
            List<String> values = params.get(literal.key());
            if (values == null || literal.value() != null && !values.contains(literal.value())) {
                return false;
            }
        }
        return true;
    }

    /** Whether a query parameter is one the template itself fixes (not input). */
    public boolean isLiteralQuery(String key) {
        for (QueryLiteral literal : query) {
            if (literal.key().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lexicographic over segment kinds, where a template that has ended ranks after every kind
     * (so of two templates alike so far the longer comes first); equal kinds, more query parts
     * first. Being lexicographic keeps the order total, as sorting needs.
     */
    private static int compareSpecificity(UriTemplate a, UriTemplate b) {
        int n = Math.max(a.segments.length, b.segments.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(a.rank(i), b.rank(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(b.query.size(), a.query.size());
    }

    private int rank(int i) {
        return i < segments.length ? segments[i].kind().ordinal() : Kind.values().length;
    }

    @Override
    public String toString() {
        return text;
    }
}
