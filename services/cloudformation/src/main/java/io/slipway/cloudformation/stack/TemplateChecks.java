package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.template.Dependencies;
import io.slipway.cloudformation.template.AttributeReferences;
import io.slipway.cloudformation.registry.TypeAttributes;
import io.slipway.cloudformation.template.Evaluator;
import io.slipway.cloudformation.template.ProcessedTemplate;
import io.slipway.cloudformation.template.ParameterValues;
import io.slipway.cloudformation.template.Rules;
import io.slipway.cloudformation.template.SsmParameterValues;
import io.slipway.cloudformation.template.DynamicReferences;
import io.slipway.cloudformation.registry.RecordedProvider;
import io.slipway.cloudformation.template.Resource;
import io.slipway.cloudformation.template.Template;
import io.slipway.cloudformation.template.TemplateException;
import io.slipway.core.Namespace;
import io.slipway.model.runtime.AwsErrors;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What CloudFormation checks before a stack operation or change set starts anything: the template
 * read and its transforms run, parameters resolved (Parameter Store included), resource types known,
 * capabilities, types unchanged on update, dependencies, attributes, evaluation bounds and rules.
 * Every failure is a ValidationError.
 */
final class TemplateChecks {
    private final StackEngine engine;
    private final TemplateBodies bodies;

    TemplateChecks(StackEngine engine, TemplateBodies bodies) {
        this.engine = engine;
        this.bodies = bodies;
    }

    /** Parses and checks a template and its parameters as CloudFormation does before it starts anything. */
    Stacks.Checked check(Namespace ns, Stacks.Request in, Map<String, String> previous, Template previousTemplate) {
        if (in.templateBody() == null || in.templateBody().isEmpty()) {
            throw AwsErrors.VALIDATION_ERROR.exception("Either Template URL or Template Body must be specified.");
        }
        try {
            ProcessedTemplate processed = bodies.process(ns, in.templateBody(), t -> SsmParameterValues.resolve(ns, t,
                    ParameterValues.resolve(t, in.parameters(), previous, in.usePreviousValues()), engine.ssmParameters()),
                    StackContext.beforeStack(ns, in.stackName(), Stacks.stackId(ns, in.stackName(), "check")));
            Template template = Template.parse(processed.body());
            Map<String, String> values = SsmParameterValues.resolve(ns, template,
                    ParameterValues.resolve(template, in.parameters(), previous, in.usePreviousValues()),
                    engine.ssmParameters());
            DynamicReferences.checkSecure(template);
            requireKnownTypes(template);
            StackCapabilities.requireCapabilities(template, in.capabilities());
            if (previousTemplate != null) {
                List<String> retyped = template.resources().values().stream()
                        .filter(r -> previousTemplate.resources().containsKey(r.logicalId())
                                && !previousTemplate.resources().get(r.logicalId()).type().equals(r.type()))
                        .map(Resource::logicalId).toList();
                if (!retyped.isEmpty()) {
                    throw AwsErrors.VALIDATION_ERROR.exception("Update of resource type is not permitted. The new template "
                            + "modifies resource type of the following resources: " + retyped);
                }
            }
            StackContext context = StackContext.beforeStack(ns, in.stackName(), Stacks.stackId(ns, in.stackName(), "check"));
            Evaluator evaluator = new Evaluator(template, values, context);
            Set<String> included = new LinkedHashSet<>();
            template.resources().values().stream().filter(evaluator::included).forEach(r -> included.add(r.logicalId()));
            Dependencies.of(template, included);
            AttributeReferences.check(template, TypeAttributes::supports);
            Evaluator.requireBoundedValues(template, values, context);
            Rules.check(template, values, evaluator);
            return new Stacks.Checked(template, values, processed);
        } catch (TemplateException e) {
            throw AwsErrors.VALIDATION_ERROR.exception(e.getMessage());
        }
    }

    /**
     * Every resource type must be one CloudFormation knows: a registry type (run or recorded) or a
     * custom resource type ({@code Custom::...}). AWS lists the unknown ones at validation.
     */
    void requireKnownTypes(Template template) {
        List<String> unknown = template.resources().values().stream().map(Resource::type)
                .filter(type -> !type.startsWith("Custom::") && !engine.providers().knows(type)
                        && !RecordedProvider.recognized(type)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw AwsErrors.VALIDATION_ERROR.exception("Template format error: Unrecognized resource types: " + unknown);
        }
    }
}
