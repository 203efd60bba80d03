package io.slipway.cloudformation.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The templates the stack engine works on, parsed once per body and not at every step: a stack's
 * stored template body is read back at each step (the stored state stays the plan, so a restart
 * parses it afresh), and parsing it and sorting its dependency graph again each time was most of a
 * large stack's time. Keyed by the body's text, so a cached template is only ever the parse of that
 * exact text; {@link Template} is immutable and evaluation copies what it returns, so one parse
 * serves every stack and thread. Bounded: the least recently used bodies go first.
 */
public final class ParsedTemplates {
    private static final int BODIES = 32;
    /** Bodies above this size are parsed each time rather than held (a 1 MB S3 template, 32 times over, is too much to keep). */
    private static final int LARGEST = 256 * 1024;
    /** Condition outcomes differ by parameters: a handful of included-resource sets per body is plenty. */
    private static final int ORDERS = 4;

    /**
     * @param dependencies logical id -&gt; what it depends on ({@link Dependencies#of})
     * @param creation     the creation order ({@link Dependencies#creationOrder})
     */
    public record Order(Map<String, Set<String>> dependencies, List<String> creation) {
    }

    private record Parsed(Template template, Map<Set<String>, Order> orders) {
    }

    private static final Map<String, Parsed> ENTRIES = new LinkedHashMap<>(BODIES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > BODIES;
        }
    };

    private ParsedTemplates() {
    }

    /** {@link Template#parse}, once per body text; a body that does not parse throws each time. */
    public static Template parse(String body) {
        Parsed entry = entry(body);
        if (entry != null) {
            return entry.template();
        }
        Template template = Template.parse(body);
        if (body.length() <= LARGEST) {
            synchronized (ENTRIES) {
                ENTRIES.putIfAbsent(body, new Parsed(template, new LinkedHashMap<>()));
            }
        }
        return template;
    }

    /** The dependency graph and creation order of {@code included}, worked out once per template and set. */
    public static Order order(Template template, Set<String> included) {
        Parsed entry = entry(template.body());
        if (entry != null && entry.template() == template) {
            synchronized (ENTRIES) {
                Order known = entry.orders().get(included);
                if (known != null) {
                    return known;
                }
            }
        }
        Map<String, Set<String>> dependencies = Dependencies.of(template, included);
        Order order = new Order(dependencies, Dependencies.creationOrder(template, dependencies));
        if (entry != null && entry.template() == template) {
            synchronized (ENTRIES) {
                if (entry.orders().size() < ORDERS) {
                    entry.orders().put(Set.copyOf(included), order);
                }
            }
        }
        return order;
    }

    private static Parsed entry(String body) {
        if (body == null) {
            return null;
        }
        synchronized (ENTRIES) {
            return ENTRIES.get(body);
        }
    }
}
