package io.slipway.cloudformation.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a name in Ref, Fn::GetAtt or a Fn::Sub variable stands for: a pseudo parameter, a parameter
 * or a resource of the stack. Shared by the functions so that all three answer the same way.
 */
final class References {
    private final Template template;
    private final Map<String, String> parameters;
    private final EvaluationContext context;
    /** Whether a declared resource is part of the stack; empty in the Conditions block, where resources are not allowed. */
    private final Optional<Predicate<Resource>> included;

    References(Template template, Map<String, String> parameters, EvaluationContext context,
               Optional<Predicate<Resource>> included) {
        this.template = template;
        this.parameters = parameters;
        this.context = context;
        this.included = included;
    }

    EvaluationContext context() {
        return context;
    }

    /** What Ref answers: a string, a list of strings for list parameters, or {@link Intrinsics#NO_VALUE}. */
    Object ref(String name) {
        Optional<Object> pseudo = pseudo(name);
        if (pseudo.isPresent()) {
            return pseudo.get();
        }
        Parameter parameter = template.parameters().get(name);
        if (parameter != null) {
            String value = SsmParameterValues.valueOf(parameters, name);
            if (value == null) {
                throw new TemplateException("Parameters: [" + name + "] must have values");
            }
            return parameter.isList() ? ParameterValues.split(value) : value;
        }
        Resource resource = resource(name, () -> unresolved(name));
        return context.physicalId(resource.logicalId()).orElseThrow(() -> notYet(name));
    }

    /** What Fn::GetAtt answers for an attribute of a resource of the stack. */
    Object attribute(String logicalId, String attribute) {
        Resource resource = resource(logicalId,
                () -> TemplateException.error("instance of Fn::GetAtt references undefined resource " + logicalId));
        if (context.physicalId(resource.logicalId()).isEmpty()) {
            throw notYet(logicalId);
        }
        if (resource.type().equals("AWS::CloudFormation::CustomResource") || resource.type().startsWith("Custom::")) {
            // a custom resource has the attributes its provider's response gave in Data; the object named is our form (UNVERIFIED)
            return context.attribute(logicalId, attribute).orElseThrow(() -> new TemplateException(
                    "CustomResource attribute error: Vendor response doesn't contain " + attribute + " key in object "
                            + context.stackId() + "|" + logicalId));
        }
        return context.attribute(logicalId, attribute).orElseThrow(() -> TemplateException.error(
                "resource " + logicalId + " does not support attribute type " + attribute + " in Fn::GetAtt"));
    }

    /** A Fn::Sub variable that the function's own map does not define: AWS::X, Res.Attr, a parameter or a resource. */
    Object variable(String name) {
        int dot = name.indexOf('.');
        if (!name.startsWith("AWS::") && dot > 0 && template.resources().containsKey(name.substring(0, dot))) {
            return attribute(name.substring(0, dot), name.substring(dot + 1));
        }
        if (dot > 0) {
            throw unresolved(name.substring(0, dot));
        }
        return ref(name);
    }

    private Resource resource(String name, Supplier<TemplateException> unknown) {
        Resource resource = template.resources().get(name);
        if (resource == null) {
            throw unknown.get();
        }
        if (included.isEmpty()) {
            throw TemplateException.format("Unresolved dependencies [" + name
                    + "]. Cannot reference resources in the Conditions block of the template");
        }
        if (!included.get().test(resource)) {
            // The resource is declared but its condition is false: for the stack it does not exist.
            throw unknown.get();
        }
        return resource;
    }

    private Optional<Object> pseudo(String name) {
        String region = context.region();
        return Optional.ofNullable(switch (name) {
            case "AWS::AccountId" -> context.accountId();
            case "AWS::Region" -> region;
            case "AWS::StackName" -> context.stackName();
            case "AWS::StackId" -> context.stackId();
            case "AWS::Partition" -> partition(region);
            case "AWS::URLSuffix" -> region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
            case "AWS::NoValue" -> Intrinsics.NO_VALUE;
            // Slipway sends no stack notifications, so a stack never has notification ARNs.
            case "AWS::NotificationARNs" -> List.of();
            default -> null;
        });
    }

    static String partition(String region) {
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    static TemplateException unresolved(String name) {
        return TemplateException.format("Unresolved resource dependencies [" + name + "] in the Resources block of the template");
    }

    private static IllegalStateException notYet(String logicalId) {
        return new IllegalStateException("Resource " + logicalId + " has not been created yet: evaluate it after its dependencies");
    }
}
