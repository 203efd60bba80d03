package io.slipway.cloudformation.template;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Checks every attribute a template reads, with {@code Fn::GetAtt} or a {@code ${Resource.Attribute}}
 * variable of {@code Fn::Sub}, against what the resource's type has, before anything is created:
 * CloudFormation refuses such a template at validation, not when it reaches the resource. What a
 * type has is the caller's to say (the registry's resource specification), so this package stays
 * free of it. Names that are not resources of the template are left to the reference checks.
 */
public final class AttributeReferences {
    /** (resource type, attribute name) -&gt; whether the type has the attribute. */
    private final BiPredicate<String, String> supports;
    private final Template template;

    private AttributeReferences(Template template, BiPredicate<String, String> supports) {
        this.template = template;
        this.supports = supports;
    }

    /** @throws TemplateException {@code Template error: resource X does not support attribute type Y in Fn::GetAtt} */
    public static void check(Template template, BiPredicate<String, String> supports) {
        AttributeReferences scan = new AttributeReferences(template, supports);
        template.resources().values().forEach(r -> scan.value(r.properties()));
        for (Output output : template.outputs().values()) {
            scan.value(output.value());
            output.exportName().ifPresent(scan::value);
        }
    }

    private void value(Object raw) {
        if (Intrinsics.function(raw).isPresent()) {
            String function = Intrinsics.function(raw).get();
            Object argument = ((Map<?, ?>) raw).get(function);
            switch (function) {
                case "Fn::GetAtt" -> getAtt(argument);
                case "Fn::Sub" -> sub(argument);
                default -> value(argument);
            }
        } else if (raw instanceof Map<?, ?> map) {
            map.values().forEach(this::value);
        } else if (raw instanceof List<?> list) {
            list.forEach(this::value);
        }
    }

    private void getAtt(Object argument) {
        if (argument instanceof String text && text.indexOf('.') > 0) {
            attribute(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1));
        } else if (argument instanceof List<?> list && list.size() == 2 && list.getFirst() instanceof String logicalId) {
            if (list.get(1) instanceof String name) {
                attribute(logicalId, name);
            } else {
                value(list.get(1)); // an attribute named by Ref to a parameter is known only when evaluated
            }
        }
    }

    private void sub(Object argument) {
        Substitution.Arguments arguments = Substitution.Arguments.of(argument);
        arguments.variables().values().forEach(this::value);
        if (!(arguments.text() instanceof String text)) {
            value(arguments.text());
            return;
        }
        for (Substitution.Part part : Substitution.parse(text)) {
            if (part instanceof Substitution.Variable(String name) && !arguments.variables().containsKey(name)
                    && !name.startsWith("AWS::") && name.indexOf('.') > 0) {
                attribute(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1));
            }
        }
    }

    private void attribute(String logicalId, String name) {
        Resource resource = template.resources().get(logicalId);
        if (resource != null && !supports.test(resource.type(), name)) {
            throw TemplateException.error("resource " + logicalId + " does not support attribute type " + name + " in Fn::GetAtt");
        }
    }
}
