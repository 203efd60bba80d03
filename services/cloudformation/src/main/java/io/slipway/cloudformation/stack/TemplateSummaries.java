package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.registry.TypeAttributes;
import io.slipway.cloudformation.template.AttributeReferences;
import io.slipway.cloudformation.template.Parameter;
import io.slipway.cloudformation.template.ProcessedTemplate;
import io.slipway.cloudformation.template.Template;
import io.slipway.cloudformation.template.TemplateException;
import io.slipway.core.Namespace;
import io.slipway.model.cloudformation.Capability;
import io.slipway.model.cloudformation.GetTemplateSummaryInput;
import io.slipway.model.cloudformation.GetTemplateSummaryOutput;
import io.slipway.model.cloudformation.ParameterConstraints;
import io.slipway.model.cloudformation.ParameterDeclaration;
import io.slipway.model.cloudformation.TemplateParameter;
import io.slipway.model.cloudformation.ValidateTemplateInput;
import io.slipway.model.cloudformation.ValidateTemplateOutput;
import io.slipway.model.runtime.AwsErrors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * GetTemplateSummary and ValidateTemplate: a template given by body, URL or stack, its transforms
 * run, described without creating anything.
 */
final class TemplateSummaries {
    private final Stacks stacks;
    private final TemplateBodies bodies;

    TemplateSummaries(Stacks stacks, TemplateBodies bodies) {
        this.stacks = stacks;
        this.bodies = bodies;
    }

    public GetTemplateSummaryOutput getTemplateSummary(Namespace ns, GetTemplateSummaryInput in) {
        if (in.stackName() != null && (in.templateBody() != null || in.templateURL() != null)) {
            throw AwsErrors.VALIDATION_ERROR.exception("Specify exactly one of TemplateBody, TemplateUrl or StackName.");
        }
        ProcessedTemplate processed;
        if (in.stackName() != null) {
            StoredStack stack = stacks.get(ns, StackInputs.stackName(in.stackName()));
            processed = new ProcessedTemplate(stack.original(), stack.templateBody(), TemplateBodies.declared(stack.original()));
        } else {
            processed = bodies.forSummary(ns, bodies.read(ns, in.templateBody(), in.templateURL()));
        }
        Template t = Stacks.parse(processed.body());
        List<ParameterDeclaration> params = new ArrayList<>();
        t.parameters().values().forEach(p -> params.add(ParameterDeclaration.builder().parameterKey(p.name())
                .defaultValue(p.defaultValue().orElse(null)).parameterType(p.type()).noEcho(p.noEcho())
                .description(p.description().orElse(null))
                .parameterConstraints(p.allowedValues().isEmpty() ? null
                        : ParameterConstraints.builder().allowedValues(p.allowedValues()).build()).build()));
        Set<String> types = new LinkedHashSet<>();
        t.resources().values().forEach(r -> types.add(r.type()));
        List<Capability> needed = capabilities(t, processed);
        return GetTemplateSummaryOutput.builder().parameters(params).description(t.description())
                .capabilities(needed.isEmpty() ? null : needed)
                .capabilitiesReason(needed.isEmpty() ? null : capabilitiesReason(t, processed))
                .resourceTypes(List.copyOf(types)).version(t.formatVersion())
                .declaredTransforms(processed.transforms()).build();
    }

    /** Every Fn::GetAtt reads an attribute its resource's type has, as stack operations check it too ({@link Stacks#check}). */
    private static void requireAttributes(Template t) {
        try {
            AttributeReferences.check(t, TypeAttributes::supports);
        } catch (TemplateException e) {
            throw AwsErrors.VALIDATION_ERROR.exception(e.getMessage());
        }
    }

    public ValidateTemplateOutput validateTemplate(Namespace ns, ValidateTemplateInput in) {
        ProcessedTemplate processed = bodies.forSummary(ns, bodies.read(ns, in.templateBody(), in.templateURL()));
        Template t = Stacks.parse(processed.body());
        stacks.requireKnownTypes(t);
        requireAttributes(t);
        List<TemplateParameter> params = new ArrayList<>();
        for (Parameter p : t.parameters().values()) {
            params.add(TemplateParameter.builder().parameterKey(p.name()).defaultValue(p.defaultValue().orElse(null))
                    .noEcho(p.noEcho()).description(p.description().orElse(null)).build());
        }
        List<Capability> needed = capabilities(t, processed);
        return ValidateTemplateOutput.builder().parameters(params).description(t.description())
                .capabilities(needed.isEmpty() ? null : needed)
                .capabilitiesReason(needed.isEmpty() ? null : capabilitiesReason(t, processed))
                .declaredTransforms(processed.transforms()).build();
    }

    /** IAM's capability where IAM resources need it, and CAPABILITY_AUTO_EXPAND where transforms ran. */
    private static List<Capability> capabilities(Template t, ProcessedTemplate processed) {
        List<Capability> out = new ArrayList<>(2);
        StackCapabilities.requiredCapability(t).ifPresent(out::add);
        if (processed.transformed()) {
            out.add(Capability.CAPABILITY_AUTO_EXPAND);
        }
        return out;
    }

    /**
     * GetTemplateSummary's and ValidateTemplate's CapabilitiesReason: the resources that need them
     * (AWS's words), or the transforms (our wording, UNVERIFIED).
     */
    private static String capabilitiesReason(Template t, ProcessedTemplate processed) {
        List<String> iam = t.resources().values().stream().map(r -> r.type()).filter(x -> x.startsWith("AWS::IAM::"))
                .distinct().toList();
        return iam.isEmpty() ? "The following transform(s) require capabilities: " + processed.transforms()
                : "The following resource(s) require capabilities: " + iam;
    }
}
