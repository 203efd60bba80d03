package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs Slipway's SAM transform over a YAML test template (functions given inline code when they
 * have none) and answers the processed Resources section.
 */
final class SamTemplates {
    private static final Map<String, Object> PARAMETERS = Map.of("AWS::Region", "us-east-1", "AWS::Partition", "aws",
            "AWS::AccountId", "123456789012", "AWS::StackName", "stack");

    private SamTemplates() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> expand(String yaml) {
        Map<String, Object> template = new Yaml().load(yaml);
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        resources.values().forEach(value -> {
            Map<String, Object> resource = (Map<String, Object>) value;
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                Map<String, Object> properties = (Map<String, Object>) resource.computeIfAbsent("Properties", k -> new LinkedHashMap<>());
                if (!properties.containsKey("CodeUri") && !properties.containsKey("InlineCode")) {
                    properties.put("InlineCode", "exports.handler = async () => ({})");
                }
                properties.putIfAbsent("Handler", "index.handler");
                properties.putIfAbsent("Runtime", "nodejs20.x");
            }
        });
        template.remove("Transform");
        return (Map<String, Object>) ServerlessTransform.expand(template, PARAMETERS).get("Resources");
    }

    /** The managed policies of a function's generated role. */
    @SuppressWarnings("unchecked")
    static List<Object> managedPolicies(Map<String, Object> resources, String function) {
        return (List<Object>) properties(resources, function + "Role").get("ManagedPolicyArns");
    }

    /** A template of one function {@code Fn} with the given events, one YAML flow mapping each ({@code Id: {Type: ...}}). */
    static String function(String... events) {
        StringBuilder yaml = new StringBuilder("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n");
        for (String event : events) {
            yaml.append("        ").append(event).append('\n');
        }
        return yaml.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> resource(Map<String, Object> resources, String id) {
        Map<String, Object> resource = (Map<String, Object>) resources.get(id);
        if (resource == null) {
            throw new AssertionError(id + " not among " + resources.keySet());
        }
        return resource;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resources, String id) {
        Map<String, Object> resource = (Map<String, Object>) resources.get(id);
        if (resource == null) {
            throw new AssertionError(id + " not among " + resources.keySet());
        }
        return (Map<String, Object>) resource.get("Properties");
    }
}
