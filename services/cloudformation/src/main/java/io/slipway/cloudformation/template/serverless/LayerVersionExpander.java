package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code AWS::Serverless::LayerVersion} as SAM expands it: an {@code AWS::Lambda::LayerVersion} under
 * {@code <Layer><10 hex>} (SAM's hash of the declared resource without DeletionPolicy,
 * UpdateReplacePolicy and Metadata, its name/license/description/retention parameters resolved), so a
 * changed layer is a new version while the old one is kept: DeletionPolicy Retain unless
 * RetentionPolicy says Delete. LayerName defaults to the declared logical id, so the layer's ARN
 * stays the same but for its version; references to the declared id follow the new one.
 */
final class LayerVersionExpander implements ResourceExpander {
    private static final Set<String> PROPERTIES = Set.of("LayerName", "Description", "PublishLambdaVersion", "ContentUri",
            "CompatibleArchitectures", "CompatibleRuntimes", "LicenseInfo", "RetentionPolicy");
    private static final List<String> RESOLVED = List.of("LayerName", "LicenseInfo", "Description", "RetentionPolicy");

    @Override
    public void expand(ServerlessResource layer, Expansion out) {
        String id = layer.logicalId();
        for (String name : layer.properties().keySet()) {
            if (!PROPERTIES.contains(name)) {
                throw ServerlessErrors.invalidResource(id, "property " + name + " not defined for resource of type " + layer.type());
            }
        }
        if (layer.property("ContentUri") == null) {
            throw ServerlessErrors.invalidResource(id, "Missing required property 'ContentUri'.");
        }
        Map<String, Object> properties = new LinkedHashMap<>(layer.properties());
        properties.values().removeIf(java.util.Objects::isNull);
        for (String name : RESOLVED) {
            Object value = properties.get(name);
            if (value != null && !"".equals(value)) {
                Object resolved = out.resolveParameters(value);
                if (!(resolved instanceof String) && !(resolved instanceof Map<?, ?>)) {
                    throw ServerlessErrors.invalidResource(id, "Could not resolve parameter for '" + name
                            + "' or parameter is not a String.");
                }
                properties.put(name, resolved);
            }
        }
        String deletionPolicy = retention(id, properties.get("RetentionPolicy"));
        String newId = id + SamHashes.suffix(Map.of(id, hashed(layer, properties)));
        Map<String, Object> lambda = new LinkedHashMap<>();
        Object name = properties.get("LayerName");
        lambda.put("LayerName", name == null || "".equals(name) ? id : name);
        ExecutionRoles.putIfPresent(lambda, "Description", properties.get("Description"));
        lambda.put("Content", CodeLocations.s3(newId, properties.get("ContentUri"), "ContentUri"));
        Object architectures = properties.get("CompatibleArchitectures");
        if (architectures instanceof List<?> list) {
            for (Object architecture : list) {
                if (architecture instanceof String s && !s.equals("x86_64") && !s.equals("arm64")) {
                    throw ServerlessErrors.invalidResource(newId, "CompatibleArchitectures needs to be a list of 'x86_64' or 'arm64'");
                }
            }
        }
        ExecutionRoles.putIfPresent(lambda, "CompatibleArchitectures", architectures);
        ExecutionRoles.putIfPresent(lambda, "CompatibleRuntimes", properties.get("CompatibleRuntimes"));
        ExecutionRoles.putIfPresent(lambda, "LicenseInfo", properties.get("LicenseInfo"));
        Map<String, Object> resource = out.add(newId, "AWS::Lambda::LayerVersion", lambda, layer);
        if (deletionPolicy != null) {
            resource.put("DeletionPolicy", deletionPolicy);
        } else if (!resource.containsKey("DeletionPolicy")) {
            resource.put("DeletionPolicy", "Retain");
        }
        for (String attribute : List.of("DependsOn", "Metadata", "UpdatePolicy")) {
            ExecutionRoles.putIfPresent(resource, attribute, layer.attributes().get(attribute));
        }
        out.rename(id, newId);
    }

    /** The declared resource as SAM hashes it: Type, DependsOn, Condition, UpdatePolicy and Properties. */
    private static Map<String, Object> hashed(ServerlessResource layer, Map<String, Object> properties) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("Type", layer.type());
        Object dependsOn = layer.attributes().get("DependsOn");
        if (dependsOn != null && !(dependsOn instanceof List<?> l && l.isEmpty()) && !"".equals(dependsOn)) {
            resource.put("DependsOn", dependsOn);
        }
        for (String attribute : List.of("Condition", "UpdatePolicy")) {
            ExecutionRoles.putIfPresent(resource, attribute, layer.attributes().get(attribute));
        }
        resource.put("Properties", properties);
        return resource;
    }

    private static String retention(String id, Object policy) {
        String options = "['Retain', 'Delete']";
        if (policy instanceof Map<?, ?>) {
            throw ServerlessErrors.invalidResource(id, "'RetentionPolicy' does not accept intrinsic functions, please use "
                    + "one of the following options: " + options);
        }
        if (policy == null) {
            return null;
        }
        if (!(policy instanceof String text)) {
            throw ServerlessErrors.invalidResource(id, "Invalid 'RetentionPolicy' type, please use one of the following options: " + options);
        }
        for (String option : List.of("Retain", "Delete")) {
            if (option.equalsIgnoreCase(text)) {
                return option;
            }
        }
        throw ServerlessErrors.invalidResource(id, "'RetentionPolicy' must be one of the following options: " + options + ".");
    }
}
