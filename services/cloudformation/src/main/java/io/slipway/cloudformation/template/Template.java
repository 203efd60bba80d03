package io.slipway.cloudformation.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed and structurally checked CloudFormation template. Values inside mappings, conditions,
 * properties and outputs stay raw (plain maps, lists, strings, numbers, booleans, with YAML short
 * tags already turned into their long form) so that one {@link Evaluator} can resolve them later.
 *
 * @param formatVersion AWSTemplateFormatVersion, null when absent
 * @param description   null when absent
 * @param parameters    in declaration order
 * @param conditions    the raw condition expressions by name
 * @param resources     in declaration order
 * @param body          the original text, kept for GetTemplate
 * @param rules         the raw rules by name ({@link Rules} checks them)
 */
public record Template(String formatVersion, String description, Map<String, Parameter> parameters,
                       Map<String, Object> mappings, Map<String, Object> conditions,
                       Map<String, Resource> resources, Map<String, Output> outputs, String body,
                       Map<String, Object> rules) {

    public Template(String formatVersion, String description, Map<String, Parameter> parameters,
                    Map<String, Object> mappings, Map<String, Object> conditions, Map<String, Resource> resources,
                    Map<String, Output> outputs, String body) {
        this(formatVersion, description, parameters, mappings, conditions, resources, outputs, body, Map.of());
    }

    public Template {
        rules = ordered(rules);
        parameters = ordered(parameters);
        mappings = ordered(mappings);
        conditions = ordered(conditions);
        resources = ordered(resources);
        outputs = ordered(outputs);
    }

    /**
     * Parses a JSON or YAML template body. Like CloudFormation it tries JSON first and then YAML; a body
     * that looks like JSON (it starts with '{') and is neither reports the JSON error. The document is
     * measured with its YAML aliases expanded ({@link TemplateSize}) before anything walks it.
     */
    public static Template parse(String body) {
        if (body == null || body.isBlank()) {
            throw TemplateException.format("At least one Resources member must be defined.");
        }
        Object document = document(body);
        TemplateSize.check(document);
        return TemplateReader.read(document, body);
    }

    static Object document(String body) {
        if (!body.stripLeading().startsWith("{")) {
            return YamlReader.read(body);
        }
        try {
            return JsonReader.read(body);
        } catch (TemplateException json) {
            try {
                return YamlReader.read(body);
            } catch (TemplateException yaml) {
                throw json;
            }
        }
    }

    // Map.copyOf would lose the declaration order that creation order and listings depend on, and raw
    // template values may hold nulls.
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
