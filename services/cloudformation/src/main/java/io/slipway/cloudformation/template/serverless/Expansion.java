package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The processed template's Resources section as the transform builds it: the template's own
 * CloudFormation resources and what SAM generates, in order of generation. Expanders add resources
 * and may change ones already added (an S3 event adds a notification to its bucket; an Api event adds
 * a path to the implicit API).
 */
public final class Expansion {
    private final Map<String, Object> resources = new LinkedHashMap<>();

    /**
     * Adds a generated resource with the attributes it inherits from {@code from} (may be null) and
     * answers its document, so the caller can add DependsOn or Metadata.
     *
     * @throws io.slipway.cloudformation.template.TemplateException when the logical id is taken
     */
    public Map<String, Object> add(String logicalId, String type, Map<String, Object> properties, ServerlessResource from) {
        if (resources.containsKey(logicalId)) {
            throw ServerlessErrors.invalidResource(from == null ? logicalId : from.logicalId(),
                    "A resource with logical id " + logicalId + " already exists in the template.");
        }
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("Type", type);
        if (from != null) {
            resource.putAll(from.passedOn());
        }
        resource.put("Properties", properties);
        resources.put(logicalId, resource);
        return resource;
    }

    /** Keeps a resource of the template's own (not SAM's) as written. */
    public void keep(String logicalId, Object resource) {
        resources.put(logicalId, resource);
    }

    /** A resource already in the section, or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> get(String logicalId) {
        return resources.get(logicalId) instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    public boolean has(String logicalId) {
        return resources.containsKey(logicalId);
    }

    /** The Resources section. */
    public Map<String, Object> resources() {
        return resources;
    }
}
