package io.slipway.cloudformation.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which resources must exist before which: the graph CloudFormation derives from Ref, Fn::GetAtt,
 * Fn::Sub and DependsOn, and the order the stack engine creates resources in.
 */
public final class Dependencies {

    private Dependencies() {
    }

    /**
     * Logical id -&gt; the logical ids it depends on, among {@code included} only.
     *
     * @throws TemplateException for references to unknown or excluded resources, and for cycles
     */
    public static Map<String, Set<String>> of(Template t, Set<String> included) {
        throw new UnsupportedOperationException("dependencies are not computed yet");
    }

    /** Deterministic creation order of the keys of {@code dependencies}: dependencies first, ties in declaration order. */
    public static List<String> creationOrder(Template t, Map<String, Set<String>> dependencies) {
        throw new UnsupportedOperationException("dependencies are not computed yet");
    }
}
