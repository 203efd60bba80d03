package io.slipway.cloudformation.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the resources one resource refers to, without evaluating anything: Ref, Fn::GetAtt and the
 * variables of Fn::Sub in its properties, plus DependsOn. Both branches of a Fn::If count, except that a
 * branch may name a resource the stack leaves out (its condition decides it is never taken).
 */
final class ReferenceScan {
    private static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::Region", "AWS::StackName",
            "AWS::StackId", "AWS::Partition", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs");

    private final Template template;
    private final Set<String> included;
    private final Set<String> found = new LinkedHashSet<>();
    private final Set<String> unresolved = new LinkedHashSet<>();

    private ReferenceScan(Template template, Set<String> included) {
        this.template = template;
        this.included = included;
    }

    /** The included resources the resource depends on; TemplateException for unknown or left-out ones. */
    static Set<String> of(Template template, Set<String> included, Resource resource) {
        ReferenceScan scan = new ReferenceScan(template, included);
        resource.dependsOn().forEach(id -> scan.resource(id, false));
        scan.value(resource.properties(), false);
        scan.value(resource.updatePolicy(), false); // an alias's deployment group, named in its CodeDeployLambdaAliasUpdate
        if (!scan.unresolved.isEmpty()) {
            throw TemplateException.format("Unresolved resource dependencies " + List.copyOf(scan.unresolved)
                    + " in the Resources block of the template");
        }
        return scan.found;
    }

    private void value(Object raw, boolean inBranch) {
        if (Intrinsics.function(raw).isPresent()) {
            String function = Intrinsics.function(raw).get();
            Object argument = ((Map<?, ?>) raw).get(function);
            switch (function) {
                case "Ref" -> ref(argument, inBranch);
                case "Fn::GetAtt" -> getAtt(argument, inBranch);
                case "Fn::Sub" -> sub(argument, inBranch);
                case "Fn::If" -> value(argument instanceof List<?> l && !l.isEmpty() ? l.subList(1, l.size()) : argument, true);
                default -> value(argument, inBranch);
            }
        } else if (raw instanceof Map<?, ?> map) {
            map.values().forEach(v -> value(v, inBranch));
        } else if (raw instanceof List<?> list) {
            list.forEach(v -> value(v, inBranch));
        }
    }

    private void ref(Object argument, boolean inBranch) {
        if (argument instanceof String name && !PSEUDO.contains(name) && !template.parameters().containsKey(name)) {
            resource(name, inBranch);
        }
    }

    private void getAtt(Object argument, boolean inBranch) {
        Object name = argument instanceof String text ? text.split("\\.", 2)[0]
                : argument instanceof List<?> list && !list.isEmpty() ? list.getFirst() : null;
        if (argument instanceof List<?> list && list.size() > 1) {
            value(list.get(1), inBranch);
        }
        if (name instanceof String logicalId && !known(logicalId, inBranch)) {
            throw TemplateException.error("instance of Fn::GetAtt references undefined resource " + logicalId);
        }
    }

    private void sub(Object argument, boolean inBranch) {
        Substitution.Arguments arguments = Substitution.Arguments.of(argument);
        arguments.variables().values().forEach(v -> value(v, inBranch));
        if (!(arguments.text() instanceof String text)) {
            value(arguments.text(), inBranch);
            return;
        }
        for (Substitution.Part part : Substitution.parse(text)) {
            if (part instanceof Substitution.Variable(String name) && !arguments.variables().containsKey(name)
                    && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                if (dot > 0) {
                    resource(name.substring(0, dot), inBranch);
                } else {
                    ref(name, inBranch);
                }
            }
        }
    }

    private void resource(String logicalId, boolean inBranch) {
        if (!known(logicalId, inBranch)) {
            unresolved.add(logicalId);
        }
    }

    /** Records an included resource; false when it is unknown, or left out and not behind a Fn::If. */
    private boolean known(String logicalId, boolean inBranch) {
        if (included.contains(logicalId)) {
            found.add(logicalId);
            return true;
        }
        return inBranch && template.resources().containsKey(logicalId);
    }
}
