package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs this package's expanders over a YAML template the way the transform does (functions first,
 * with their events, then APIs and the other SAM types, then {@link Events#finish}), standing in
 * for the function expansion itself with a bare AWS::Lambda::Function.
 */
final class SamTemplates {
    private static final Map<String, ResourceExpander> EXPANDERS = Map.of(
            "AWS::Serverless::Api", Apis.EXPANDER,
            "AWS::Serverless::HttpApi", HttpApis.EXPANDER,
            "AWS::Serverless::SimpleTable", SimpleTables.EXPANDER,
            "AWS::Serverless::Application", Applications.EXPANDER);

    /** What the events asked of each function's role. */
    static final Map<String, List<String>> POLICIES = new LinkedHashMap<>();

    private SamTemplates() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> expand(String yaml) {
        Map<String, Object> template = new Yaml().load(yaml);
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Expansion out = new Expansion();
        List<ServerlessResource> others = new ArrayList<>();
        List<ServerlessResource> functions = new ArrayList<>();
        resources.forEach((id, value) -> {
            Map<String, Object> resource = (Map<String, Object>) value;
            String type = (String) resource.get("Type");
            if (!type.startsWith("AWS::Serverless::")) {
                out.keep(id, resource);
                return;
            }
            Map<String, Object> attributes = new LinkedHashMap<>(resource);
            attributes.remove("Type");
            attributes.remove("Properties");
            ServerlessResource sam = new ServerlessResource(id, type,
                    (Map<String, Object>) resource.getOrDefault("Properties", Map.of()), attributes);
            (type.equals("AWS::Serverless::Function") ? functions : others).add(sam);
        });
        for (ServerlessResource function : functions) {
            out.add(function.logicalId(), "AWS::Lambda::Function", new LinkedHashMap<>(), function);
            Object alias = function.property("AutoPublishAlias");
            Object arn = alias == null ? Map.of("Fn::GetAtt", List.of(function.logicalId(), "Arn"))
                    : Map.of("Ref", function.logicalId() + "Alias" + alias);
            POLICIES.put(function.logicalId(), Events.expand(new Events.Target(function, function.logicalId(), arn),
                    (Map<String, Object>) function.property("Events"), out));
        }
        others.sort((a, b) -> Boolean.compare(!a.type().endsWith("Api"), !b.type().endsWith("Api")));
        for (ServerlessResource other : others) {
            EXPANDERS.get(other.type()).expand(other, out);
        }
        Events.finish(out, List.copyOf(resources.keySet()));
        return out.resources();
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
