package io.slipway.codedeploy.deployment;

import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.runtime.AwsException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_REVISION;

/**
 * Reads a Lambda or ECS AppSpec, given as YAML or JSON (JSON is YAML). Keys are matched without
 * regard to case, since AWS's own documentation shows both {@code Resources} and {@code resources}
 * (UNVERIFIED which AWS accepts; accepting both is the safe side). Every problem is an
 * InvalidRevisionException naming what is wrong.
 */
public final class AppSpecParser {
    static final Set<String> LAMBDA_HOOKS = Set.of("BeforeAllowTraffic", "AfterAllowTraffic");
    static final Set<String> ECS_HOOKS = Set.of("BeforeInstall", "AfterInstall", "AfterAllowTestTraffic",
            "BeforeAllowTraffic", "AfterAllowTraffic");

    private AppSpecParser() {
    }

    public static AppSpec parse(String content, ComputePlatform platform) {
        Map<String, Object> root = asMap(load(content), "The AppSpec must be a mapping");
        Object version = get(root, "version");
        if (version == null || !(String.valueOf(version).equals("0.0"))) {
            throw invalid("The AppSpec version must be 0.0");
        }
        Map<String, String> hooks = hooks(get(root, "hooks"), platform == ComputePlatform.LAMBDA ? LAMBDA_HOOKS : ECS_HOOKS);
        Map<String, Object> properties = resource(get(root, "resources"),
                platform == ComputePlatform.LAMBDA ? "AWS::Lambda::Function" : "AWS::ECS::Service");
        return switch (platform) {
            case LAMBDA -> new AppSpec.Lambda(required(properties, "name"), required(properties, "alias"),
                    version(properties, "currentversion"), version(properties, "targetversion"), hooks);
            case ECS -> {
                Map<String, Object> lb = asMap(get(properties, "loadbalancerinfo"),
                        "The ECS service resource needs LoadBalancerInfo with ContainerName and ContainerPort");
                String port = required(lb, "containerport");
                try {
                    yield new AppSpec.Ecs(required(properties, "taskdefinition"), required(lb, "containername"),
                            Integer.parseInt(port), hooks);
                } catch (NumberFormatException e) {
                    throw invalid("ContainerPort must be a number, not " + port);
                }
            }
            case SERVER -> throw invalid("Server deployments do not use this AppSpec");
        };
    }

    private static Object load(String content) {
        if (content == null || content.isBlank()) {
            throw invalid("The AppSpec content is empty");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1024 * 1024);
        try {
            return new Yaml(new SafeConstructor(options)).load(content);
        } catch (YAMLException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw invalid("The AppSpec could not be read: " + detail);
        }
    }

    private static Map<String, String> hooks(Object node, Set<String> allowed) {
        Map<String, String> hooks = new LinkedHashMap<>();
        if (node == null) {
            return hooks;
        }
        // Hooks is a list of single-key mappings; a plain mapping is accepted too.
        List<?> entries = node instanceof List<?> l ? l : List.of(node);
        for (Object entry : entries) {
            for (Map.Entry<String, Object> e : asMap(entry, "Each hook must be EventName: FunctionName").entrySet()) {
                String event = allowed.stream().filter(a -> a.equalsIgnoreCase(e.getKey())).findFirst()
                        .orElseThrow(() -> invalid("The lifecycle event " + e.getKey() + " cannot have a hook here; "
                                + "hookable events are " + allowed));
                if (!(e.getValue() instanceof String fn) || fn.isBlank()) {
                    throw invalid("The hook for " + event + " must name a function");
                }
                if (hooks.put(event, fn) != null) {
                    throw invalid("The lifecycle event " + event + " has more than one hook");
                }
            }
        }
        return hooks;
    }

    private static Map<String, Object> resource(Object node, String type) {
        if (!(node instanceof List<?> resources) || resources.size() != 1) {
            throw invalid("The AppSpec must list exactly one resource under Resources");
        }
        Map<String, Object> named = asMap(resources.getFirst(), "A resource must be Name: {Type, Properties}");
        if (named.size() != 1) {
            throw invalid("A resource must be Name: {Type, Properties}");
        }
        Map<String, Object> resource = asMap(named.values().iterator().next(), "A resource must have Type and Properties");
        if (!type.equals(get(resource, "type"))) {
            throw invalid("The resource Type must be " + type);
        }
        return asMap(get(resource, "properties"), "The resource needs Properties");
    }

    private static String version(Map<String, Object> properties, String key) {
        String v = required(properties, key);
        try {
            if (Integer.parseInt(v) > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("The Lambda function version " + v + " must be a positive integer");
    }

    private static String required(Map<String, Object> map, String key) {
        Object v = get(map, key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw invalid("The AppSpec is missing " + key);
        }
        return String.valueOf(v);
    }

    private static Object get(Map<String, Object> map, String lowerCaseKey) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lowerCaseKey)) {
                return e.getValue();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node, String problem) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        throw invalid(problem);
    }

    private static AwsException invalid(String message) {
        return INVALID_REVISION.exception(message);
    }
}
