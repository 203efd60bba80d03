package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.stack.StoredStack.Operation;
import io.slipway.cloudformation.store.CloudFormationStore;
import io.slipway.cloudformation.template.Parameter;
import io.slipway.cloudformation.template.ProcessedTemplate;
import io.slipway.cloudformation.template.SsmParameterValues;
import io.slipway.cloudformation.template.Template;
import io.slipway.cloudformation.template.TemplateException;
import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.UnreadableDocumentException;
import io.slipway.engine.store.Versioned;
import io.slipway.model.cloudformation.Capability;
import io.slipway.model.cloudformation.Stack;
import io.slipway.model.cloudformation.StackStatus;
import io.slipway.model.cloudformation.Tag;
import io.slipway.model.runtime.AwsErrors;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.slipway.model.cloudformation.CloudFormationErrors.ALREADY_EXISTS;

/**
 * Stacks: CreateStack, UpdateStack and DeleteStack start operations the {@link StackEngine}
 * runs; the rest reads. A stack is stored by the UUID at the end of its id; a live stack's name
 * points to it, so a deleted stack stays readable by id while its name is free again.
 */
public final class Stacks {
    static final DocumentType<StoredStack> STACK = new DocumentType<>("cloudformation.stack", StoredStack.SHAPE,
            StoredStack::fromDocument);
    static final DocumentType<StackName> NAME = new DocumentType<>("cloudformation.stack-name", StackName.SHAPE,
            StackName::fromDocument);
    static final DocumentType<StoredResource> RESOURCE = new DocumentType<>("cloudformation.stack-resource",
            StoredResource.SHAPE, StoredResource::fromDocument);
    static final String NO_ECHO = "****";

    private final CloudFormationStore store;
    private final SlipwayClock clock;
    private final IdGenerator ids;
    private final StackEngine engine;
    private final StackEvents events;
    private final UnreadableStacks unreadable;
    private final TemplateBodies bodies;
    private final TemplateChecks checks;

    Stacks(CloudFormationStore store, SlipwayClock clock, IdGenerator ids, StackEngine engine, StackEvents events,
           TemplateBodies bodies) {
        this.bodies = bodies;
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.engine = engine;
        this.checks = new TemplateChecks(engine, bodies);
        this.events = events;
        this.unreadable = new UnreadableStacks(store, clock, engine, events);
    }

    /** What CreateStack, UpdateStack and CreateChangeSet were given. */
    public record Request(String stackName, String templateBody, boolean usePreviousTemplate,
                          Map<String, String> parameters, Set<String> usePreviousValues, List<Capability> capabilities,
                          List<Tag> tags, Optional<Boolean> disableRollback, Optional<String> description) {
    }

    /**
     * A template read for a stack: its transforms run, parsed, its parameter values checked, its
     * dependencies sound.
     */
    record Checked(Template template, Map<String, String> parameters, ProcessedTemplate processed) {
        /** The template that runs (processed). */
        String body() {
            return processed.body();
        }

        /** The template as given, when transforms changed it; null when it runs as given. */
        String originalOrNull() {
            return processed.transformed() ? processed.original() : null;
        }
    }

    // ---- operations ----

    public String create(Namespace ns, Request in) {
        return create(ns, in, null);
    }

    /**
     * Creates a stack; a nested stack ({@code nesting} not null) shows its parent's and root's ids
     * and the parent's timeout and notification ARNs.
     */
    String create(Namespace ns, Request in, Nesting nesting) {
        requireName(in.stackName());
        Checked checked = check(ns, in, Map.of(), null);
        if (nesting == null) {
            StackCapabilities.requireAutoExpand(checked, in.capabilities());
        }
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            if (live(tx, ns, in.stackName()).isPresent()) {
                throw ALREADY_EXISTS.exception("Stack [" + in.stackName() + "] already exists");
            }
            StoredStack stack = newStack(tx, ns, in, checked, StackStatus.CREATE_IN_PROGRESS,
                    new Operation("CREATE", "STACK_HOOKS", null, Map.of(), null, null), nesting);
            engine.start(tx, ns, key(stack.stackId()));
            return stack.stackId();
        }));
    }

    public String update(Namespace ns, Request in) {
        return store.inTransaction(tx -> {
            Versioned<StoredStack> read = liveOrFail(tx, ns, in.stackName());
            StoredStack stack = read.value();
            requireUpdatable(stack);
            String given = in.usePreviousTemplate() ? stack.original() : in.templateBody();
            Request effective = new Request(in.stackName(), given, false, in.parameters(), in.usePreviousValues(),
                    in.capabilities(), in.tags(), in.disableRollback(), in.description());
            Checked checked = check(ns, effective, stack.parameters(), Template.parse(stack.templateBody()));
            StackCapabilities.requireAutoExpand(checked, in.capabilities());
            String body = checked.body();
            List<Tag> tags = in.tags() == null ? stack.view().tags() : in.tags();
            if (body.equals(stack.templateBody()) && checked.parameters().equals(stack.parameters())
                    && java.util.Objects.equals(tags, stack.view().tags())) {
                throw AwsErrors.VALIDATION_ERROR.exception("No updates are to be performed.");
            }
            StoredStack next = new StoredStack(stack.view().toBuilder().stackStatus(StackStatus.UPDATE_IN_PROGRESS)
                    .stackStatusReason(null).lastUpdatedTime(clock.now()).tags(tags)
                    .parameters(views(checked.template(), checked.parameters()))
                    .capabilities(in.capabilities() == null || in.capabilities().isEmpty() ? null : in.capabilities())
                    .disableRollback(in.disableRollback().orElse(stack.view().disableRollback()))
                    .description(checked.template().description()).build(),
                    body, checked.parameters(), Optional.of(new Operation("UPDATE", "STACK_HOOKS", stack.templateBody(),
                    stack.parameters(), null, null, stack.originalBody())), checked.originalOrNull());
            store.replace(tx, STACK, ns, key(stack.stackId()), read, next);
            events.stack(tx, ns, next, "UPDATE_IN_PROGRESS", "User Initiated");
            engine.start(tx, ns, key(stack.stackId()));
            return stack.stackId();
        });
    }

    /** DeleteStack: a stack that does not exist is already deleted; one whose record cannot be read is deleted all the same. */
    public void delete(Namespace ns, String nameOrId) {
        store.inRetriedTransaction(tx -> {
            Optional<Versioned<StoredStack>> found;
            try {
                found = findReadable(tx, ns, nameOrId);
            } catch (UnreadableDocumentException e) {
                unreadable.delete(tx, ns, nameOrId, e);
                return;
            }
            found = found.filter(v -> v.value().view().stackStatus() != StackStatus.DELETE_COMPLETE);
            if (found.isEmpty()) {
                return;
            }
            StoredStack stack = found.get().value();
            StackStatus status = stack.view().stackStatus();
            if (status == StackStatus.DELETE_IN_PROGRESS) {
                return;
            }
            if (stack.operation().isPresent() && status != StackStatus.REVIEW_IN_PROGRESS) {
                throw AwsErrors.VALIDATION_ERROR.exception("Stack [" + stack.stackName() + "] cannot be deleted while in status "
                        + status.value());
            }
            StoredStack next = stack.withView(stack.view().toBuilder().stackStatus(StackStatus.DELETE_IN_PROGRESS)
                    .stackStatusReason(null).build())
                    .withOperation(Optional.of(new Operation("DELETE", "STACK_HOOKS", stack.templateBody(),
                            stack.parameters(), null, null)));
            store.replace(tx, STACK, ns, key(stack.stackId()), found.get(), next);
            events.stack(tx, ns, next, "DELETE_IN_PROGRESS", "User Initiated");
            engine.start(tx, ns, key(stack.stackId()));
        });
    }

    // ---- reads ----

    /** DescribeStacks: one stack by name (live) or id (also deleted), or every live stack. */
    public Page<Stack> describe(Namespace ns, Optional<String> nameOrId, Optional<String> nextToken) {
        if (nameOrId.isPresent()) {
            StoredStack s = store.inTransaction(tx -> find(tx, ns, nameOrId.get())).orElseThrow(() -> doesNotExist(nameOrId.get()))
                    .value();
            return new Page<>(List.of(s.view()), null);
        }
        Optional<String> after = after("stacks", nextToken);
        var page = store.list(NAME, ns, Optional.empty(), after, 100);
        List<Stack> stacks = new ArrayList<>();
        store.inTransaction(tx -> {
            page.items().forEach(k -> store.getIfReadable(tx, STACK, ns, key(k.value().stackId()))
                    .ifPresent(v -> stacks.add(v.value().view())));
            return null;
        });
        return new Page<>(stacks, page.nextAfterId().map(id -> PageToken.encode("stacks", id)).orElse(null));
    }

    /** ListStacks: every stack, deleted ones included, optionally only in some statuses. */
    public Page<Stack> all(Namespace ns, Set<String> statuses, Optional<String> nextToken) {
        Optional<String> after = after("all-stacks", nextToken);
        var page = store.list(STACK, ns, Optional.empty(), after, 100);
        List<Stack> stacks = page.items().stream().map(k -> k.value().view())
                .filter(s -> statuses.isEmpty() || statuses.contains(s.stackStatus().value())).toList();
        return new Page<>(stacks, page.nextAfterId().map(id -> PageToken.encode("all-stacks", id)).orElse(null));
    }

    public StoredStack get(Namespace ns, String nameOrId) {
        return store.inTransaction(tx -> find(tx, ns, nameOrId)).orElseThrow(() -> doesNotExist(nameOrId)).value();
    }

    public List<StoredResource> resources(Namespace ns, String nameOrId) {
        StoredStack stack = get(ns, nameOrId);
        return List.copyOf(engine.resources(ns, stack.stackId()).values());
    }

    /** A page of items and the token for the next, null at the end. */
    public record Page<T>(List<T> items, String nextToken) {
    }

    // ---- checks ----

    /** Parses and checks a template and its parameters as CloudFormation does before it starts anything. */
    Checked check(Namespace ns, Request in, Map<String, String> previous, Template previousTemplate) {
        return checks.check(ns, in, previous, previousTemplate);
    }

    /** Every resource type must be one CloudFormation knows (see {@link TemplateChecks#requireKnownTypes}). */
    void requireKnownTypes(Template template) {
        checks.requireKnownTypes(template);
    }

    private static final java.util.regex.Pattern NAME_PATTERN = java.util.regex.Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");

    /** A new stack's name: AWS's constraint, in the message its validation gives. */
    static void requireName(String name) {
        if (!NAME_PATTERN.matcher(name).matches()) {
            throw AwsErrors.VALIDATION_ERROR.exception("1 validation error detected: Value '" + name
                    + "' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "[a-zA-Z][-a-zA-Z0-9]*");
        }
    }

    /** A template the caller gave, read; a bad one is CloudFormation's ValidationError. */
    static Template parse(String body) {
        try {
            return Template.parse(body);
        } catch (TemplateException e) {
            throw AwsErrors.VALIDATION_ERROR.exception(e.getMessage());
        }
    }

    private static void requireUpdatable(StoredStack stack) {
        StackStatus s = stack.view().stackStatus();
        boolean ok = stack.operation().isEmpty() && (s == StackStatus.CREATE_COMPLETE || s == StackStatus.UPDATE_COMPLETE
                || s == StackStatus.UPDATE_ROLLBACK_COMPLETE || s == StackStatus.UPDATE_FAILED || s == StackStatus.IMPORT_COMPLETE
                || s == StackStatus.IMPORT_ROLLBACK_COMPLETE);
        if (!ok) {
            throw AwsErrors.VALIDATION_ERROR.exception("Stack:" + stack.stackId() + " is in " + s.value()
                    + " state and can not be updated.");
        }
    }

    // ---- storage ----

    /** Stores a new stack and its first event; {@code op} is null for a stack that waits for a change set. */
    StoredStack newStack(Tx tx, Namespace ns, Request in, Checked checked, StackStatus status, Operation op) {
        return newStack(tx, ns, in, checked, status, op, null);
    }

    /** What a nested stack shows of its place in the tree, and its resource's TimeoutInMinutes and NotificationARNs. */
    record Nesting(String parentId, String rootId, Integer timeoutInMinutes, List<String> notificationArns) {
    }

    private StoredStack newStack(Tx tx, Namespace ns, Request in, Checked checked, StackStatus status, Operation op,
                                 Nesting nesting) {
        String stackId = stackId(ns, in.stackName(), ids.newId());
        Stack.Builder builder = Stack.builder();
        if (nesting != null) {
            builder.parentId(nesting.parentId()).rootId(nesting.rootId()).timeoutInMinutes(nesting.timeoutInMinutes());
        }
        Stack view = builder.stackId(stackId).stackName(in.stackName()).creationTime(clock.now())
                .stackStatus(status).description(checked.template().description())
                .parameters(views(checked.template(), checked.parameters()))
                .capabilities(in.capabilities() == null || in.capabilities().isEmpty() ? null : in.capabilities())
                .tags(in.tags() == null || in.tags().isEmpty() ? null : in.tags())
                .disableRollback(in.disableRollback().orElse(false))
                .notificationARNs(nesting == null || nesting.notificationArns() == null ? List.of() : nesting.notificationArns())
                .enableTerminationProtection(false).build();
        StoredStack stack = new StoredStack(view, checked.body(), checked.parameters(), Optional.ofNullable(op),
                checked.originalOrNull());
        store.insert(tx, STACK, ns, key(stackId), Optional.empty(), stack);
        // The name is claimed on what this read sees: a name another creator claimed since the caller
        // looked is a conflict (a version-checked replace, or a duplicate first insert), and the
        // caller's retried transaction then finds that stack and answers AlreadyExists.
        Optional<Versioned<StackName>> name = store.get(tx, NAME, ns, in.stackName());
        if (name.isPresent() && store.get(tx, STACK, ns, key(name.get().value().stackId())).isPresent()) {
            throw new ConcurrentUpdateException("stack name " + in.stackName());
        }
        if (name.isPresent()) {
            store.replace(tx, NAME, ns, in.stackName(), name.get(), new StackName(stackId));
        } else {
            store.insert(tx, NAME, ns, in.stackName(), Optional.empty(), new StackName(stackId));
        }
        events.stack(tx, ns, stack, status.value(), "User Initiated");
        return stack;
    }

    /** The parameters as DescribeStacks shows them: NoEcho values masked. */
    static List<io.slipway.model.cloudformation.Parameter> views(Template template, Map<String, String> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<io.slipway.model.cloudformation.Parameter> out = new ArrayList<>();
        values.forEach((k, v) -> {
            if (SsmParameterValues.isResolution(k)) {
                return;
            }
            Parameter declared = template.parameters().get(k);
            boolean hidden = declared != null && declared.noEcho();
            out.add(io.slipway.model.cloudformation.Parameter.builder().parameterKey(k)
                    .parameterValue(hidden ? NO_ECHO : v)
                    .resolvedValue(SsmParameterValues.resolvedValue(values, k).map(r -> hidden ? NO_ECHO : r).orElse(null))
                    .build());
        });
        return out;
    }

    Optional<Versioned<StoredStack>> live(Tx tx, Namespace ns, String name) {
        return store.get(tx, NAME, ns, name).flatMap(n -> store.get(tx, STACK, ns, key(n.value().stackId())));
    }

    Versioned<StoredStack> liveOrFail(Tx tx, Namespace ns, String nameOrId) {
        return find(tx, ns, nameOrId).filter(v -> v.value().view().stackStatus() != StackStatus.DELETE_COMPLETE)
                .orElseThrow(() -> doesNotExist(nameOrId));
    }

    /**
     * By name: the live stack; by id: the stack, deleted or not. A stack whose stored record cannot be
     * read is a ValidationError that says DeleteStack removes it.
     */
    Optional<Versioned<StoredStack>> find(Tx tx, Namespace ns, String nameOrId) {
        try {
            return findReadable(tx, ns, nameOrId);
        } catch (UnreadableDocumentException e) {
            throw AwsErrors.VALIDATION_ERROR.exception("Stack with id " + nameOrId + " cannot be read: its stored record is"
                    + " damaged or was written by another version of Slipway. DeleteStack removes it.");
        }
    }

    private Optional<Versioned<StoredStack>> findReadable(Tx tx, Namespace ns, String nameOrId) {
        if (nameOrId.startsWith("arn:")) {
            Optional<Versioned<StoredStack>> s = store.get(tx, STACK, ns, key(nameOrId));
            return s.filter(v -> v.value().stackId().equals(nameOrId));
        }
        return live(tx, ns, nameOrId);
    }

    static AwsException doesNotExist(String nameOrId) {
        return AwsErrors.VALIDATION_ERROR.exception("Stack with id " + nameOrId + " does not exist");
    }

    private static Optional<String> after(String list, Optional<String> token) {
        return token.map(t -> PageToken.decode(list, t).orElseThrow(
                () -> AwsErrors.VALIDATION_ERROR.exception("Invalid NextToken")));
    }

    static String stackId(Namespace ns, String name, String uuid) {
        return "arn:aws:cloudformation:" + ns.region() + ":" + ns.account() + ":stack/" + name + "/" + uuid;
    }

    /** The storage key of a stack: the UUID that ends its id. */
    static String key(String stackId) {
        return stackId.substring(stackId.lastIndexOf('/') + 1);
    }

    static String nameOf(String stackId) {
        String[] parts = stackId.split("/");
        return parts.length >= 3 ? parts[parts.length - 2] : stackId;
    }

    /** A live stack's name, pointing at its id. */
    record StackName(String stackId) implements AwsStructure {
        static final Shape SHAPE = new Shape("StackName", ShapeType.STRUCTURE)
                .member(Member.of("stackId", new Shape("String", ShapeType.STRING)));

        static StackName fromDocument(Map<String, Object> d) {
            return new StackName((String) d.get("stackId"));
        }

        @Override
        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>(2);
            d.put("stackId", stackId);
            return d;
        }
    }
}
