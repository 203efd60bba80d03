package io.slipway.cloudformation.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Which resources must exist before which: the graph CloudFormation derives from Ref, Fn::GetAtt,
 * Fn::Sub and DependsOn, and the order the stack engine creates resources in (deletion runs it backwards).
 */
public final class Dependencies {

    private Dependencies() {
    }

    /**
     * Logical id -&gt; the logical ids it depends on, among {@code included} only, in declaration order.
     *
     * @param included the resources the stack has (their conditions hold)
     * @throws TemplateException for references to unknown or excluded resources, and for cycles
     */
    public static Map<String, Set<String>> of(Template t, Set<String> included) {
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        for (Resource resource : t.resources().values()) {
            if (included.contains(resource.logicalId())) {
                graph.put(resource.logicalId(), Collections.unmodifiableSet(ReferenceScan.of(t, included, resource)));
            }
        }
        creationOrder(t, graph);
        return Collections.unmodifiableMap(graph);
    }

    /**
     * Deterministic creation order of the keys of {@code dependencies}: dependencies first, ties in
     * declaration order. Dependencies on ids that are not keys count as met.
     *
     * @throws TemplateException if the dependencies have a cycle
     */
    public static List<String> creationOrder(Template t, Map<String, Set<String>> dependencies) {
        List<String> order = sort(t, dependencies);
        if (order.size() < dependencies.size()) {
            throw new TemplateException("Circular dependency between resources: " + cycle(dependencies, order));
        }
        return List.copyOf(order);
    }

    /** Kahn's algorithm, always taking the earliest-declared resource that is ready; stops short on a cycle. */
    private static List<String> sort(Template t, Map<String, Set<String>> graph) {
        List<String> declared = new ArrayList<>(t.resources().keySet());
        Comparator<String> byDeclaration = Comparator.<String>comparingInt(
                id -> declared.contains(id) ? declared.indexOf(id) : Integer.MAX_VALUE).thenComparing(id -> id);
        Map<String, Integer> waitingFor = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        graph.forEach((id, dependencies) -> {
            List<String> inGraph = dependencies.stream().filter(graph::containsKey).toList();
            waitingFor.put(id, inGraph.size());
            inGraph.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(id));
        });
        PriorityQueue<String> ready = new PriorityQueue<>(byDeclaration);
        waitingFor.forEach((id, count) -> {
            if (count == 0) {
                ready.add(id);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.poll();
            order.add(next);
            for (String dependent : dependents.getOrDefault(next, List.of())) {
                if (waitingFor.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        return order;
    }

    /**
     * The resources left unsorted, less those that merely wait on a cycle without being part of one
     * (repeatedly dropping any that nothing left depends on), in the graph's order.
     */
    private static List<String> cycle(Map<String, Set<String>> graph, List<String> sorted) {
        Set<String> left = new LinkedHashSet<>(graph.keySet());
        sorted.forEach(left::remove);
        while (true) {
            List<String> waiting = left.stream()
                    .filter(id -> left.stream().noneMatch(other -> graph.get(other).contains(id))).toList();
            if (waiting.isEmpty()) {
                return List.copyOf(left);
            }
            waiting.forEach(left::remove);
        }
    }
}
