package io.slipway.cloudformation.template.serverless;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * SAM's policy templates, which a function's {@code Policies} name with their parameters, e.g.
 * {@code - S3ReadPolicy: {BucketName: !Ref Bucket}}. The table (policy-templates.json beside this
 * class: each template's parameter names and statements, as SAM's policy_templates.json defines
 * them) is read the first time a template is looked up, not at start-up.
 */
public final class PolicyTemplates {
    private static final String TABLE = "policy-templates.json";

    private PolicyTemplates() {
    }

    /** One template: the parameters it needs and its statements, where {@code {"Ref": P}} stands for parameter P. */
    record Template(List<String> parameters, List<Object> statements) {
    }

    /** Whether {@code name} is one of SAM's policy templates. */
    public static boolean known(String name) {
        return Table.TEMPLATES.containsKey(name);
    }

    /**
     * The statements of the policy template {@code name} with {@code parameters} (a map of the
     * template's parameters; intrinsics are kept as given). Like SAM, only {@code Ref}s to the
     * template's own parameters are replaced; every other intrinsic, including a {@code Ref} to a
     * template parameter of the stack, is left for CloudFormation, and parameters the template does
     * not declare are ignored.
     */
    public static List<Object> statements(String functionLogicalId, String name, Object parameters) {
        Template template = Table.TEMPLATES.get(name);
        if (template == null) {
            throw ServerlessErrors.invalidResource(functionLogicalId, "Policy template " + name + " is not supported.");
        }
        if (!(parameters instanceof Map<?, ?> values)) {
            throw ServerlessErrors.invalidResource(functionLogicalId,
                    "Must specify valid parameter values for policy template '" + name + "'");
        }
        TreeSet<String> missing = new TreeSet<>(template.parameters());
        values.keySet().forEach(missing::remove);
        if (!missing.isEmpty()) {
            // SAM prints a Python list of the names: ['BucketName']
            List<String> quoted = missing.stream().map(m -> "'" + m + "'").toList();
            throw ServerlessErrors.invalidResource(functionLogicalId, "Following required parameters of template '" + name
                    + "' don't have values: [" + String.join(", ", quoted) + "]");
        }
        List<Object> out = new ArrayList<>();
        for (Object statement : template.statements()) {
            out.add(substitute(statement, template.parameters(), values));
        }
        return out;
    }

    private static Object substitute(Object node, List<String> parameters, Map<?, ?> values) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String ref && parameters.contains(ref)) {
                return values.get(ref);
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), substitute(value, parameters, values)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(substitute(item, parameters, values)));
            return copy;
        }
        return node;
    }

    /** The table, loaded when first needed (the holder class is initialised on first use). */
    private static final class Table {
        static final Map<String, Template> TEMPLATES = load();

        @SuppressWarnings("unchecked")
        private static Map<String, Template> load() {
            try (InputStream in = PolicyTemplates.class.getResourceAsStream(TABLE)) {
                if (in == null) {
                    throw new IllegalStateException(TABLE + " is missing from the class path");
                }
                Map<String, Object> root = new Yaml(new LoaderOptions())
                        .load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                Map<String, Template> templates = new LinkedHashMap<>();
                root.forEach((name, value) -> {
                    Map<String, Object> entry = (Map<String, Object>) value;
                    templates.put(name, new Template((List<String>) entry.get("parameters"),
                            (List<Object>) entry.get("statements")));
                });
                return Map.copyOf(templates);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
