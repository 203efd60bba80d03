package io.slipway.cloudformation.template;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How big a parsed template really is. A YAML alias stands for its whole anchored node again, so a
 * short text can stand for a huge document, or for one that contains itself; everything that walks
 * the template (checks, reference scans, evaluation) sees it expanded. It is measured once, as
 * expanded, sharing the work for shared nodes: its depth and its size must stay within
 * {@link Quotas#NESTING_DEPTH} and {@link Quotas#EXPANDED_TEMPLATE_SIZE}.
 */
final class TemplateSize {
    /** A map or list measured: its expanded size, and how many levels of nesting it holds. */
    private record Measured(long size, int height) {
    }

    private final Map<Object, Measured> known = new IdentityHashMap<>();

    private TemplateSize() {
    }

    static void check(Object document) {
        new TemplateSize().measure(document, 1);
    }

    static TemplateException tooDeep() {
        return TemplateException.format("the template is nested more than " + Quotas.NESTING_DEPTH + " levels deep");
    }

    /**
     * A container at {@code depth} (the document is 1). A node that contains itself is never known
     * before its members are measured, so the walk goes deeper until the depth bound stops it.
     */
    private Measured measure(Object node, int depth) {
        if (depth > Quotas.NESTING_DEPTH) {
            throw tooDeep();
        }
        Measured seen = known.get(node);
        if (seen != null) {
            if (depth - 1 + seen.height() > Quotas.NESTING_DEPTH) {
                throw tooDeep();
            }
            return seen;
        }
        long size = 1;
        int height = 0;
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                size += String.valueOf(e.getKey()).length() + 1;
                Measured member = member(e.getValue(), depth);
                size += member.size();
                height = Math.max(height, member.height());
            }
        } else if (node instanceof List<?> list) {
            for (Object element : list) {
                Measured member = member(element, depth);
                size += member.size() + 1;
                height = Math.max(height, member.height());
            }
        }
        if (size > Quotas.EXPANDED_TEMPLATE_SIZE) {
            throw TemplateException.format("the template is larger than " + Quotas.EXPANDED_TEMPLATE_SIZE
                    + " bytes once its YAML aliases are expanded");
        }
        Measured measured = new Measured(size, height + 1);
        known.put(node, measured);
        return measured;
    }

    private Measured member(Object value, int depth) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return measure(value, depth + 1);
        }
        return new Measured(value == null ? 4 : String.valueOf(value).length(), 0);
    }
}
