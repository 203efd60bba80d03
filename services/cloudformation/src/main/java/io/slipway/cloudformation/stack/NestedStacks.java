package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.resource.PhysicalNames;
import io.slipway.cloudformation.resource.Progress;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.cloudformation.resource.WaitingResourceProvider;
import io.slipway.core.Namespace;
import io.slipway.model.cloudformation.Capability;
import io.slipway.model.cloudformation.Stack;
import io.slipway.model.cloudformation.StackStatus;
import io.slipway.model.runtime.AwsException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code AWS::CloudFormation::Stack}: a child stack named {@code <parent>-<Logical>-<RANDOM>}, made
 * from its TemplateURL (read in the parent's account) and Parameters with the parent's capabilities,
 * showing ParentId and RootId. Ref answers its stack id; {@code Fn::GetAtt X.Outputs.Name} its
 * outputs. Each action starts the child's own operation and then waits for the child's terminal
 * status without holding a worker ({@link Progress.InProgress}, looked at every {@link #POLL}); a
 * restart finds the child by its name, which is derived from the parent's id and the logical id, and
 * carries on. A child that fails fails the resource with the child's reason, so the parent rolls back
 * and its rollback updates or deletes the child in turn.
 */
final class NestedStacks implements WaitingResourceProvider {
    static final String TYPE = "AWS::CloudFormation::Stack";
    /** How often a parent looks at its child while it works (ours). */
    static final Duration POLL = Duration.ofMillis(250);
    private static final int NAME_LENGTH = 128;
    private static final Set<String> PROPERTIES = Set.of("TemplateURL", "Parameters", "TimeoutInMinutes",
            "NotificationARNs", "Tags");

    private final Stacks stacks;
    private final TemplateBodies bodies;
    private final StackEvents events;

    NestedStacks(Stacks stacks, TemplateBodies bodies, StackEvents events) {
        this.stacks = stacks;
        this.bodies = bodies;
        this.events = events;
    }

    @Override
    public Progress create(ResourceRequest request, Map<String, Object> context) {
        Namespace ns = request.ns();
        if (context.isEmpty()) {
            String name = PhysicalNames.generate(request, NAME_LENGTH);
            Optional<StoredStack> existing = find(ns, name).filter(s -> request.stackId().equals(s.view().parentId()));
            if (existing.isEmpty()) {
                try {
                    StoredStack parent = stacks.get(ns, request.stackId());
                    String rootId = parent.view().rootId() != null ? parent.view().rootId() : parent.stackId();
                    stacks.create(ns, stackRequest(request, name, parent), new Stacks.Nesting(parent.stackId(), rootId,
                            timeout(request.properties()), strings(request.properties().get("NotificationARNs"))));
                } catch (AwsException e) {
                    return new Progress.Failed(e.getMessage());
                }
            }
            return new Progress.InProgress(Map.of("StackName", name), POLL);
        }
        StoredStack child = find(ns, (String) context.get("StackName")).orElse(null);
        if (child == null) {
            return new Progress.Failed("Embedded stack " + context.get("StackName") + " was not found");
        }
        StackStatus status = child.view().stackStatus();
        if (status == StackStatus.CREATE_COMPLETE) {
            return new Progress.Success(provisioned(child));
        }
        if (inProgress(status)) {
            return new Progress.InProgress(context, POLL);
        }
        return new Progress.Failed("Embedded stack " + child.stackId() + " was not successfully created: "
                + reason(ns, child), Optional.of(child.stackId()));
    }

    @Override
    public Progress update(ResourceRequest request, Provisioned current, Map<String, Object> context) {
        Namespace ns = request.ns();
        String childId = current.physicalId();
        if (context.isEmpty()) {
            StoredStack child = stacks.get(ns, childId);
            if (!inProgress(child.view().stackStatus())) {
                try {
                    StoredStack parent = stacks.get(ns, request.stackId());
                    stacks.update(ns, stackRequest(request, childId, parent));
                } catch (AwsException e) {
                    if (!e.getMessage().equals("No updates are to be performed.")) {
                        return new Progress.Failed(e.getMessage());
                    }
                    return new Progress.Success(provisioned(child));
                }
            }
            return new Progress.InProgress(Map.of("StackId", childId), POLL);
        }
        StoredStack child = stacks.get(ns, childId);
        StackStatus status = child.view().stackStatus();
        if (status == StackStatus.UPDATE_COMPLETE) {
            return new Progress.Success(provisioned(child));
        }
        if (inProgress(status)) {
            return new Progress.InProgress(context, POLL);
        }
        return new Progress.Failed("Embedded stack " + childId + " was not successfully updated. Currently in "
                + status.value() + " with reason: " + reason(ns, child));
    }

    @Override
    public Progress delete(ResourceRequest request, Provisioned current, Map<String, Object> context) {
        Namespace ns = request.ns();
        String childId = current.physicalId();
        if (!childId.startsWith("arn:")) {
            return new Progress.Success(current); // a create that failed before the child existed
        }
        Optional<StoredStack> child = findById(ns, childId);
        if (child.isEmpty() || child.get().view().stackStatus() == StackStatus.DELETE_COMPLETE) {
            return new Progress.Success(current);
        }
        StackStatus status = child.get().view().stackStatus();
        boolean asked = Boolean.TRUE.equals(context.get("Deleting"));
        if (status == StackStatus.DELETE_FAILED && asked) {
            return new Progress.Failed("Embedded stack " + childId + " was not successfully deleted: " + reason(ns, child.get()));
        }
        if (inProgress(status)) {
            // a child still at work (its delete, or an action a restart interrupted) is waited for first
            return new Progress.InProgress(Map.of("StackId", childId, "Deleting", asked), POLL);
        }
        try {
            stacks.delete(ns, childId);
        } catch (AwsException e) {
            return new Progress.Failed(e.getMessage());
        }
        return new Progress.InProgress(Map.of("StackId", childId, "Deleting", true), POLL);
    }

    /** The child's CreateStack or UpdateStack: its template read from the TemplateURL as the parent's account. */
    private Stacks.Request stackRequest(ResourceRequest request, String nameOrId, StoredStack parent) {
        Map<String, Object> properties = request.properties();
        List<String> unknown = properties.keySet().stream().filter(k -> !PROPERTIES.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw io.slipway.model.runtime.AwsErrors.VALIDATION_ERROR.exception("Encountered unsupported property "
                    + unknown.getFirst());
        }
        if (!(properties.get("TemplateURL") instanceof String url)) {
            throw io.slipway.model.runtime.AwsErrors.VALIDATION_ERROR.exception(
                    "Properties validation failed for resource " + request.logicalId()
                            + " with message: [#: required key [TemplateURL] not found]");
        }
        String body = bodies.fromUrl(request.ns(), url);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (properties.get("Parameters") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> parameters.put(String.valueOf(k), text(v)));
        }
        List<Capability> capabilities = parent.view().capabilities() == null ? List.of() : parent.view().capabilities();
        return new Stacks.Request(nameOrId, body, false, parameters, Set.of(), capabilities, parent.view().tags(),
                Optional.of(parent.view().disableRollback() != null && parent.view().disableRollback()), Optional.empty());
    }

    /** What Ref and Fn::GetAtt read: the child's id, and each output as {@code Outputs.<Key>}. */
    private static Provisioned provisioned(StoredStack child) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (child.view().outputs() != null) {
            child.view().outputs().forEach(o -> attributes.put("Outputs." + o.outputKey(), o.outputValue()));
        }
        return new Provisioned(child.stackId(), attributes);
    }

    /** Why the child failed: the reason its rollback (or failed status) was given, as its events show it. */
    private String reason(Namespace ns, StoredStack child) {
        if (child.view().stackStatusReason() != null) {
            return child.view().stackStatusReason();
        }
        return events.list(ns, child.stackId(), Optional.empty(), 100, next -> { }).stream()
                .filter(e -> child.stackId().equals(e.physicalResourceId()) && e.resourceStatusReason() != null
                        && !e.resourceStatusReason().equals("User Initiated")
                        && e.resourceStatus().value().contains("ROLLBACK_IN_PROGRESS"))
                .map(e -> e.resourceStatusReason()).findFirst().orElse("");
    }

    private Optional<StoredStack> find(Namespace ns, String name) {
        try {
            return Optional.of(stacks.get(ns, name));
        } catch (AwsException e) {
            return Optional.empty();
        }
    }

    private Optional<StoredStack> findById(Namespace ns, String id) {
        return find(ns, id);
    }

    private static boolean inProgress(StackStatus status) {
        return status.value().endsWith("_IN_PROGRESS") && status != StackStatus.REVIEW_IN_PROGRESS;
    }

    private static Integer timeout(Map<String, Object> properties) {
        Object value = properties.get("TimeoutInMinutes");
        try {
            return value == null ? null : Integer.valueOf(text(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(NestedStacks::text).toList() : null;
    }

    /** A parameter value as the child takes it: lists as comma-delimited text. */
    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(NestedStacks::text).collect(Collectors.joining(","));
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    static boolean isNested(Stack view) {
        return view.parentId() != null;
    }
}
