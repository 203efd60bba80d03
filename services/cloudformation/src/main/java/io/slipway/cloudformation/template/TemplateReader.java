package io.slipway.cloudformation.template;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the parsed document into a {@link Template}: the top-level sections, resources and outputs,
 * with CloudFormation's structural checks and its "Template format error" wording. Parameters are
 * read by {@link ParameterReader}; values inside sections stay raw.
 */
final class TemplateReader {
    static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");
    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs");
    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn", "Condition",
            "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");
    private static final Set<String> OUTPUT_ATTRIBUTES = Set.of("Value", "Description", "Export", "Condition");
    /** CloudFormation's quotas per template. */
    private static final Map<String, Integer> LIMITS = Map.of("Resources", Quotas.RESOURCES,
            "Parameters", Quotas.PARAMETERS, "Outputs", Quotas.OUTPUTS, "Mappings", Quotas.MAPPINGS);
    private static final Set<String> POLICIES = Set.of("Delete", "Retain", "RetainExceptOnCreate", "Snapshot");

    private TemplateReader() {
    }

    static Template read(Object root, String body) {
        if (root == null) {
            throw TemplateException.format("At least one Resources member must be defined.");
        }
        if (!(root instanceof Map<?, ?>)) {
            throw TemplateException.format("unsupported structure.");
        }
        Map<String, Object> sections = stringKeys(root);
        List<String> unknown = sections.keySet().stream().filter(k -> !SECTIONS.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw TemplateException.format("Invalid template property or properties " + unknown);
        }
        if (sections.containsKey("Transform")) {
            // Transforms are macros (AWS::Serverless, AWS::Include, LanguageExtensions) that run inside AWS.
            throw TemplateException.format("Transform " + sections.get("Transform")
                    + " is not supported: Slipway runs templates without transforms or macros");
        }
        ValueCheck.check(sections);
        String version = text(sections, "AWSTemplateFormatVersion");
        if (version != null && !version.equals("2010-09-09")) {
            throw TemplateException.format("Unsupported template version " + version
                    + " (AWSTemplateFormatVersion can only be 2010-09-09)");
        }
        LIMITS.forEach((section, limit) -> {
            int count = section(sections, section).size();
            if (count > limit) {
                throw TemplateException.format("Number of " + section.toLowerCase(Locale.ROOT) + ", " + count
                        + ", is greater than maximum allowed, " + limit);
            }
        });
        String description = text(sections, "Description");
        if (description != null && tooLong(description)) {
            throw TemplateException.format("Description is longer than " + Quotas.DESCRIPTION_BYTES + " bytes");
        }
        Map<String, Object> conditions = section(sections, "Conditions");
        Map<String, Object> mappings = section(sections, "Mappings");
        mappings.forEach(TemplateReader::checkMapping);
        return new Template(version, description, ParameterReader.read(section(sections, "Parameters")),
                mappings, conditions, resources(sections, conditions), outputs(section(sections, "Outputs"), conditions),
                body, section(sections, "Rules"));
    }

    private static Map<String, Resource> resources(Map<String, Object> sections, Map<String, Object> conditions) {
        Map<String, Object> raw = section(sections, "Resources");
        if (raw.isEmpty()) {
            throw TemplateException.format("At least one Resources member must be defined.");
        }
        Map<String, Resource> resources = new LinkedHashMap<>();
        raw.forEach((id, value) -> resources.put(id, resource(id, value, conditions)));
        return resources;
    }

    private static Resource resource(String id, Object value, Map<String, Object> conditions) {
        if (!ALPHANUMERIC.matcher(id).matches()) {
            throw TemplateException.format("Resource name " + id + " is non alphanumeric.");
        }
        if (id.length() > Quotas.NAME_CHARACTERS) {
            throw TemplateException.format("Resource name " + id + " is longer than " + Quotas.NAME_CHARACTERS + " characters");
        }
        if (!(value instanceof Map<?, ?>) || !(((Map<?, ?>) value).get("Type") instanceof String type)) {
            throw TemplateException.format("[/Resources/" + id + "] Every Resources object must contain a Type member.");
        }
        Map<String, Object> attributes = stringKeys(value);
        attributes.keySet().stream().filter(k -> !RESOURCE_ATTRIBUTES.contains(k)).findFirst().ifPresent(k -> {
            throw TemplateException.format("Invalid template resource property '" + k + "'");
        });
        return new Resource(id, type, attributes.get("Properties"), dependsOn(attributes.get("DependsOn")),
                condition(attributes.get("Condition"), conditions, "Resources"), policy(id, "DeletionPolicy", attributes),
                policy(id, "UpdateReplacePolicy", attributes), attributes.get("UpdatePolicy"));
    }

    private static List<String> dependsOn(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String one) {
            return List.of(one);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).distinct().toList();
        }
        throw TemplateException.format("DependsOn must be a string or list of strings.");
    }

    private static Optional<String> condition(Object value, Map<String, Object> conditions, String block) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String name)) {
            throw TemplateException.format("Every Condition member must be a string.");
        }
        if (!conditions.containsKey(name)) {
            throw TemplateException.format("Unresolved condition dependency " + name + " in the " + block
                    + " block of the template");
        }
        return Optional.of(name);
    }

    private static Optional<String> policy(String id, String attribute, Map<String, Object> attributes) {
        Object value = attributes.get(attribute);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String policy) || !POLICIES.contains(policy)) {
            throw TemplateException.format("Unrecognized " + attribute + " " + value + " for resource " + id);
        }
        return Optional.of(policy);
    }

    private static Map<String, Output> outputs(Map<String, Object> raw, Map<String, Object> conditions) {
        Map<String, Output> outputs = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            if (!ALPHANUMERIC.matcher(name).matches()) {
                throw TemplateException.format("Outputs name '" + name + "' is non alphanumeric.");
            }
            if (name.length() > Quotas.NAME_CHARACTERS) {
                throw TemplateException.format("Outputs name '" + name + "' is longer than " + Quotas.NAME_CHARACTERS
                        + " characters");
            }
            if (!(value instanceof Map<?, ?>) || ((Map<?, ?>) value).get("Value") == null) {
                throw TemplateException.format("Every Outputs member must contain a Value object");
            }
            Map<String, Object> attributes = stringKeys(value);
            attributes.keySet().stream().filter(k -> !OUTPUT_ATTRIBUTES.contains(k)).findFirst().ifPresent(k -> {
                throw TemplateException.format("Invalid template output property '" + k + "'");
            });
            Optional<String> description = optionalText(attributes, "Description");
            if (description.filter(TemplateReader::tooLong).isPresent()) {
                throw TemplateException.format("The Description of output " + name + " is longer than "
                        + Quotas.DESCRIPTION_BYTES + " bytes");
            }
            outputs.put(name, new Output(name, attributes.get("Value"), description,
                    exportName(name, attributes.get("Export")), condition(attributes.get("Condition"), conditions, "Outputs")));
        });
        return outputs;
    }

    private static Optional<Object> exportName(String output, Object export) {
        if (export == null) {
            return Optional.empty();
        }
        if (!(export instanceof Map<?, ?> map) || map.get("Name") == null) {
            throw TemplateException.format("Output " + output + " is malformed. The Name field of every Export member must be specified.");
        }
        return Optional.of(map.get("Name"));
    }

    private static void checkMapping(String name, Object mapping) {
        if (!ALPHANUMERIC.matcher(name).matches()) {
            throw TemplateException.format("Mappings name '" + name + "' is non alphanumeric.");
        }
        if (name.length() > Quotas.NAME_CHARACTERS) {
            throw TemplateException.format("Mappings name '" + name + "' is longer than " + Quotas.NAME_CHARACTERS
                    + " characters");
        }
        if (!(mapping instanceof Map<?, ?> keys) || !keys.values().stream().allMatch(Map.class::isInstance)) {
            throw TemplateException.format("Mappings attribute " + name + " must be a map of maps.");
        }
        if (keys.size() > Quotas.MAPPING_ATTRIBUTES) {
            throw TemplateException.format("Number of attributes of mapping " + name + ", " + keys.size()
                    + ", is greater than maximum allowed, " + Quotas.MAPPING_ATTRIBUTES);
        }
        keys.forEach((key, second) -> {
            checkAttributeName(name, key);
            ((Map<?, ?>) second).keySet().forEach(k -> checkAttributeName(name, k));
        });
    }

    private static void checkAttributeName(String mapping, Object key) {
        String attribute = String.valueOf(key);
        if (attribute.length() > Quotas.NAME_CHARACTERS) {
            throw TemplateException.format("Mappings attribute name '" + attribute + "' in " + mapping
                    + " is longer than " + Quotas.NAME_CHARACTERS + " characters");
        }
    }

    private static boolean tooLong(String description) {
        // a UTF-8 character is at most 3 bytes per char, so only long descriptions need encoding
        return description.length() * 3L > Quotas.DESCRIPTION_BYTES
                && description.getBytes(StandardCharsets.UTF_8).length > Quotas.DESCRIPTION_BYTES;
    }

    static Map<String, Object> section(Map<String, Object> sections, String name) {
        Object value = sections.get(name);
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw TemplateException.format("Every " + name + " member must be an object.");
        }
        return stringKeys(value);
    }

    /** YAML may use numbers or booleans as keys; CloudFormation treats every key as text. */
    static Map<String, Object> stringKeys(Object map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<?, ?>) map).forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static String text(Map<String, Object> sections, String name) {
        Object value = sections.get(name);
        if (value != null && !(value instanceof String)) {
            throw TemplateException.format("Every " + name + " member must be a string.");
        }
        return (String) value;
    }

    static Optional<String> optionalText(Map<String, Object> attributes, String name) {
        Object value = attributes.get(name);
        if (value != null && !Scalars.isScalar(value)) {
            throw TemplateException.format("Every " + name + " member must be a string.");
        }
        return value == null ? Optional.empty() : Optional.of(Scalars.text(value));
    }
}
