package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.template.EvaluationContext;
import io.slipway.cloudformation.template.ProcessedTemplate;
import io.slipway.cloudformation.template.Quotas;
import io.slipway.cloudformation.template.Template;
import io.slipway.cloudformation.template.Transforms;
import io.slipway.cloudformation.template.TemplateException;
import io.slipway.cloudformation.template.TemplateLocation;
import io.slipway.cloudformation.template.TemplateObjects;
import io.slipway.core.Namespace;
import io.slipway.model.runtime.AwsErrors;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The template a request gives, as TemplateBody or TemplateURL: a URL is read from Slipway's S3 in
 * the caller's account ({@link TemplateObjects}), with the 1,000,000-byte quota of templates in S3
 * instead of the body's 51,200.
 */
public final class TemplateBodies {
    private final TemplateObjects objects;
    private final Supplier<String> endpoint;

    /** @param endpoint Slipway's own base URL, whose host a TemplateURL may name path style */
    public TemplateBodies(TemplateObjects objects, Supplier<String> endpoint) {
        this.objects = objects;
        this.endpoint = endpoint;
    }

    /** Exactly one of {@code body} and {@code url}; the template's text. */
    String read(Namespace ns, String body, String url) {
        if (body != null && url != null) {
            throw AwsErrors.VALIDATION_ERROR.exception("Specify exactly one of TemplateBody or TemplateUrl.");
        }
        if (body == null && url == null) {
            throw AwsErrors.VALIDATION_ERROR.exception("Either Template URL or Template Body must be specified.");
        }
        return url == null ? StackInputs.templateBody(body) : fromUrl(ns, url);
    }

    /** A TemplateURL's object (CreateStack's, or a nested stack's); a URL outside S3 is AWS's ValidationError. */
    String fromUrl(Namespace ns, String url) {
        TemplateLocation location = TemplateLocation.parse(url, ownHost(), false).orElseThrow(
                () -> AwsErrors.VALIDATION_ERROR.exception(TemplateLocation.UNSUPPORTED));
        try {
            return objects.read(ns, location, Quotas.TEMPLATE_URL_BYTES);
        } catch (TemplateException e) {
            throw AwsErrors.VALIDATION_ERROR.exception(e.getMessage());
        }
    }

    /** Runs the template's transforms ({@link Transforms}) for a stack operation in {@code ns}. */
    ProcessedTemplate process(Namespace ns, String body, Function<Template, Map<String, String>> parameterValues,
                              EvaluationContext context) {
        return Transforms.process(body, new Transforms.Inputs(ns, objects, ownHost(), parameterValues, context));
    }

    String ownHost() {
        try {
            String base = endpoint.get();
            String host = base == null ? null : URI.create(base).getHost();
            return host == null ? "localhost" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "localhost";
        }
    }

    TemplateObjects objects() {
        return objects;
    }

    /**
     * A template given to GetTemplateSummary or ValidateTemplate, its transforms run with the
     * parameters' defaults (a parameter without one is left out).
     */
    ProcessedTemplate forSummary(Namespace ns, String body) {
        try {
            return process(ns, body, TemplateBodies::defaults, StackContext.beforeStack(ns, "", ""));
        } catch (TemplateException e) {
            throw AwsErrors.VALIDATION_ERROR.exception(e.getMessage());
        }
    }

    private static Map<String, String> defaults(Template t) {
        Map<String, String> out = new LinkedHashMap<>();
        t.parameters().values().forEach(p -> p.defaultValue().ifPresent(v -> out.put(p.name(), v)));
        return out;
    }

    static List<String> declared(String original) {
        try {
            return Transforms.declared(original);
        } catch (TemplateException e) {
            return List.of();
        }
    }
}
