package io.slipway.cloudformation.template;

import io.slipway.cloudformation.template.serverless.ServerlessTransform;
import io.slipway.core.Namespace;
import io.slipway.core.codec.JsonCodec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The transforms CloudFormation hosts that Slipway runs: {@code AWS::Include} ({@link Includes}) and
 * {@code AWS::LanguageExtensions} ({@link LanguageExtensions}) and {@code AWS::Serverless-2016-10-31}
 * (SAM, {@link ServerlessTransform}). Includes go first, then the declared transforms in their order,
 * as CloudFormation processes them (so LanguageExtensions listed before SAM runs first). Macros are
 * refused. The processed template is written as JSON, as GetTemplate's Processed stage shows it.
 */
public final class Transforms {
    public static final String INCLUDE = "AWS::Include";
    public static final String LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions";
    public static final String SERVERLESS = "AWS::Serverless-2016-10-31";

    private Transforms() {
    }

    /** Where and as whom templates are read, and how a template's parameters get their values. */
    public record Inputs(Namespace ns, TemplateObjects objects, String ownHost,
                         Function<Template, Map<String, String>> parameterValues, EvaluationContext context) {
    }

    /** The transforms a template declares (for DeclaredTransforms), without running them. */
    public static List<String> declared(String body) {
        Object document = Template.document(body);
        return document instanceof Map<?, ?> map ? names(map.get("Transform")) : List.of();
    }

    /**
     * Runs the template's transforms. A template with none comes back as given, not rewritten.
     *
     * @throws TemplateException in CloudFormation's words, for a transform it cannot run
     */
    public static ProcessedTemplate process(String body, Inputs in) {
        if (body == null || body.isBlank()) {
            return ProcessedTemplate.unchanged(body);
        }
        Object document = Template.document(body);
        TemplateSize.check(document);
        if (!(document instanceof Map<?, ?> root)) {
            return ProcessedTemplate.unchanged(body);
        }
        List<String> declared = names(root.get("Transform"));
        boolean includes = Includes.present(root);
        if (declared.isEmpty() && !includes) {
            return ProcessedTemplate.unchanged(body);
        }
        for (String name : declared) {
            if (!name.equals(INCLUDE) && !name.equals(LANGUAGE_EXTENSIONS) && !name.equals(SERVERLESS)) {
                // UNVERIFIED: AWS's wording for a macro that does not exist in the account
                throw new TemplateException("No transform named " + in.ns().account() + "::" + name + " found.");
            }
        }
        Map<String, Object> sections = TemplateReader.stringKeys(root);
        Object transform = sections.remove("Transform");
        sections = Includes.expand(sections, in, transform);
        if (!declared.contains(LANGUAGE_EXTENSIONS)) {
            LanguageExtensions.refuseWithoutTransform(sections);
        }
        for (String name : declared) {
            if (name.equals(LANGUAGE_EXTENSIONS)) {
                sections = LanguageExtensions.expand(sections, in);
            } else if (name.equals(SERVERLESS)) {
                sections = ServerlessTransform.expand(sections, serverlessParameters(sections, in));
            }
        }
        TemplateSize.check(sections);
        String processed = JsonCodec.writeDocument(sections);
        return new ProcessedTemplate(body, processed, declared);
    }

    /** The parameter values SAM sees: the template's (defaults included) and AWS::Region / AWS::Partition. */
    private static Map<String, Object> serverlessParameters(Map<String, Object> sections, Inputs in) {
        Map<String, Parameter> parameters = ParameterReader.read(TemplateReader.section(sections, "Parameters"));
        Template declared = new Template(null, null, parameters, TemplateReader.section(sections, "Mappings"),
                TemplateReader.section(sections, "Conditions"), Map.of(), Map.of(), "");
        Map<String, Object> values = new LinkedHashMap<>(in.parameterValues().apply(declared));
        values.putIfAbsent("AWS::Region", in.ns().region());
        values.putIfAbsent("AWS::Partition", "aws");
        return values;
    }

    /** A Transform section: one name, a list of names, or AWS::Include's {Name, Parameters} forms. */
    static List<String> names(Object transform) {
        List<String> out = new ArrayList<>();
        if (transform instanceof String name) {
            out.add(name);
        } else if (transform instanceof Map<?, ?> one && one.get("Name") instanceof String name) {
            out.add(name);
        } else if (transform instanceof List<?> list) {
            for (Object element : list) {
                out.addAll(names(element));
            }
        } else if (transform != null) {
            throw TemplateException.format("Every Transform member must be a string, an object with a Name, or a list of them.");
        }
        return out;
    }

    static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
