package io.slipway.cloudformation.registry;

import io.slipway.model.cloudformation.ChangeSource;
import io.slipway.model.cloudformation.EvaluationType;
import io.slipway.model.cloudformation.Replacement;
import io.slipway.model.cloudformation.RequiresRecreation;
import io.slipway.model.cloudformation.ResourceAttribute;
import io.slipway.model.cloudformation.ResourceChangeDetail;
import io.slipway.model.cloudformation.ResourceTargetDefinition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A change set's details for a modified resource, from the resource specification's replacement
 * flags: one detail per property the template changed, saying whether changing it recreates the
 * resource, and the change's Replacement (True when one does, Conditional when one may, else False).
 * Types the specification lacks (custom resources) say Conditionally, as nothing tells.
 */
public final class ChangeDetails {

    private ChangeDetails() {
    }

    /**
     * The details for the properties that differ between the templates' {@code before} and
     * {@code after} (their resources' Properties, as written); none when either is not an object
     * (an {@code Fn::If} choosing all of them), whose change then says Conditional.
     */
    public static List<ResourceChangeDetail> of(String type, Object beforeProperties, Object afterProperties) {
        Object beforeOrNone = beforeProperties == null ? Map.of() : beforeProperties;
        Object afterOrNone = afterProperties == null ? Map.of() : afterProperties;
        if (!(beforeOrNone instanceof Map<?, ?> b && afterOrNone instanceof Map<?, ?> a)) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> before = (Map<String, Object>) b;
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) a;
        Set<String> keys = new LinkedHashSet<>(after.keySet());
        keys.addAll(before.keySet());
        Map<String, PropertySpec> specs = RegistryTypes.find(type).map(ResourceTypeSpec::properties).orElse(Map.of());
        List<ResourceChangeDetail> out = new ArrayList<>();
        for (String key : keys) {
            if (Objects.equals(before.get(key), after.get(key))) {
                continue;
            }
            PropertySpec p = specs.get(key);
            RequiresRecreation recreation = p == null ? RequiresRecreation.CONDITIONALLY : switch (p.replacement()) {
                case ALWAYS -> RequiresRecreation.ALWAYS;
                case CONDITIONAL -> RequiresRecreation.CONDITIONALLY;
                case NONE -> RequiresRecreation.NEVER;
            };
            out.add(ResourceChangeDetail.builder().target(ResourceTargetDefinition.builder()
                            .attribute(ResourceAttribute.PROPERTIES).name(key).requiresRecreation(recreation).build())
                    .evaluation(EvaluationType.STATIC).changeSource(ChangeSource.DIRECT_MODIFICATION).build());
        }
        return out;
    }

    /** The change's Replacement from its details. */
    public static Replacement replacement(List<ResourceChangeDetail> details) {
        boolean conditional = details.isEmpty();
        for (ResourceChangeDetail d : details) {
            RequiresRecreation r = d.target().requiresRecreation();
            if (r == RequiresRecreation.ALWAYS) {
                return Replacement.TRUE;
            }
            conditional |= r == RequiresRecreation.CONDITIONALLY;
        }
        return conditional ? Replacement.CONDITIONAL : Replacement.FALSE;
    }
}
