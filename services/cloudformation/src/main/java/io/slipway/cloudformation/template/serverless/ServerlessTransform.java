package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.TemplateException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SAM transform ({@code AWS::Serverless-2016-10-31}) over a template's sections: Globals merged
 * into SAM resources, each SAM resource replaced by what its expander generates (functions first, as
 * SAM orders them), the implicit APIs and the deployment resources added once every function is done, SAM's references
 * rewritten across the template, and the Globals section dropped. The template's own CloudFormation
 * resources are kept as written, in their places; generated resources follow them.
 */
public final class ServerlessTransform {
    private ServerlessTransform() {
    }

    /**
     * Expands {@code sections} (without its Transform section).
     *
     * @param parameters the template's parameter values with AWS::Region and AWS::Partition, which
     *                   SAM resolves before hashing code or reading alias names
     * @throws io.slipway.cloudformation.template.TemplateException in SAM's words
     */
    public static Map<String, Object> expand(Map<String, Object> sections, Map<String, Object> parameters) {
        Map<String, Object> out = new LinkedHashMap<>(sections);
        if (!(sections.get("Resources") instanceof Map<?, ?> declared) || declared.isEmpty()) {
            throw ServerlessErrors.invalidDocument("'Resources' section is required");
        }
        Globals globals = Globals.read(out.remove("Globals"));
        Expansion expansion = new Expansion(parameters);
        Map<String, Object> merged = new LinkedHashMap<>();
        List<ServerlessResource> serverless = new ArrayList<>();
        for (Map.Entry<?, ?> entry : declared.entrySet()) {
            String id = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> resource)) {
                throw ServerlessErrors.invalidDocument("All 'Resources' must be Objects. If you're using YAML, this may be an indentation issue.");
            }
            if (!(resource.get("Type") instanceof String type) || !ServerlessTypes.SAM_TYPES.contains(type)) {
                expansion.keep(id, resource);
                merged.put(id, resource);
                continue;
            }
            ServerlessResource sam = serverless(id, type, resource, globals);
            serverless.add(sam);
            Map<String, Object> withGlobals = new LinkedHashMap<>();
            resource.forEach((k, v) -> withGlobals.put(String.valueOf(k), v));
            withGlobals.put("Properties", sam.properties());
            merged.put(id, withGlobals);
        }
        expansion.declared(merged);
        serverless.sort((a, b) -> Integer.compare(rank(a.type()), rank(b.type())));
        DeploymentPreferences deployments = new DeploymentPreferences(
                out.get("Mappings") instanceof Map<?, ?> mappings ? mappings : Map.of());
        Map<String, ResourceExpander> table = ServerlessTypes.table(deployments);
        List<TemplateException> errors = new ArrayList<>();
        for (ServerlessResource resource : serverless) {
            try {
                table.get(resource.type()).expand(resource, expansion);
            } catch (TemplateException e) {
                errors.add(e);
            }
        }
        Map<String, Object> conditions = new LinkedHashMap<>();
        if (out.get("Conditions") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> conditions.put(String.valueOf(k), v));
        }
        int before = conditions.size();
        if (errors.isEmpty()) {
            // the implicit APIs and the paths events add to APIs, once every function's events are known
            try {
                Events.finish(expansion, merged.keySet(), (id, type, properties) -> globals.merge(id, type, properties, null));
            } catch (TemplateException e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            throw ServerlessErrors.combined(errors);
        }
        conditions.putAll(expansion.conditions());
        deployments.finish(expansion, conditions);
        if (conditions.size() != before) {
            out.put("Conditions", conditions);
        }
        out.put("Resources", expansion.resources());
        new SamReferences(expansion.renamed(), expansion.references()).rewrite(out);
        return out;
    }

    /** Functions, then state machines, then APIs, then the rest: SAM's order. */
    private static int rank(String type) {
        return switch (type) {
            case ServerlessTypes.FUNCTION -> 0;
            case "AWS::Serverless::StateMachine" -> 1;
            case ServerlessTypes.API, ServerlessTypes.HTTP_API, "AWS::Serverless::WebSocketApi" -> 2;
            case "AWS::Serverless::Connector" -> 4;
            default -> 3;
        };
    }

    private static ServerlessResource serverless(String id, String type, Map<?, ?> resource, Globals globals) {
        Object properties = resource.get("Properties");
        if (properties != null && !(properties instanceof Map<?, ?>)) {
            throw ServerlessErrors.invalidResource(id, "Properties of a resource must be an object.");
        }
        Map<String, Object> own = new LinkedHashMap<>();
        if (properties instanceof Map<?, ?> map) {
            map.forEach((k, v) -> own.put(String.valueOf(k), v));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        resource.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!key.equals("Type") && !key.equals("Properties")) {
                attributes.put(key, v);
            }
        });
        Map<String, Object> withGlobals = globals.merge(id, type, own, attributes.remove("IgnoreGlobals"));
        return new ServerlessResource(id, type, withGlobals, attributes);
    }
}
