package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.hooks.HookOutcome;
import io.slipway.cloudformation.hooks.HookRun;
import io.slipway.cloudformation.resource.Progress;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceProviders;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.cloudformation.stack.StoredStack.Operation;
import io.slipway.cloudformation.template.DynamicReferences;
import io.slipway.cloudformation.template.Resource;
import io.slipway.cloudformation.template.SsmParameters;
import io.slipway.cloudformation.template.TemplateException;
import io.slipway.core.Namespace;
import io.slipway.engine.store.DocumentTooLargeException;
import io.slipway.model.cloudformation.ResourceStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource's create, update or delete: its hooks first, then its provider's handler outside
 * any transaction, then the outcome and its events in one transaction. A handler that answers
 * in progress leaves its callback context on the resource; the next step with the resource
 * still in progress calls the handler again with it, without new events or hooks, which is also
 * how an action resumes after {@code kill -9}.
 */
final class ResourceActions {
    /** Created on first use, like the workers' logger. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(ResourceActions.class.getName());
    }

    private final StackRecords records;
    private final OperationEnds ends;
    private final ResourceProviders providers;
    private final StackHooks hooks;
    private final SsmParameters ssm;

    ResourceActions(StackRecords records, OperationEnds ends, ResourceProviders providers, StackHooks hooks,
                    SsmParameters ssm) {
        this.records = records;
        this.ends = ends;
        this.providers = providers;
        this.hooks = hooks;
        this.ssm = ssm;
    }

    /** What became of a delete. */
    sealed interface Deletion {
        record Gone() implements Deletion {
        }

        record Failed(String reason) implements Deletion {
        }

        record Waiting(Instant until) implements Deletion {
        }
    }

    Next create(Namespace ns, String stackKey, StoredStack stack, Operation op, Resource declared,
                Map<String, Object> properties, boolean rollingBack) {
        String logicalId = declared.logicalId();
        StoredResource started = records.store.inTransaction(tx -> {
            Optional<StoredResource> existing = records.resource(tx, ns, stack, logicalId);
            if (existing.isPresent() && existing.get().status() == ResourceStatus.CREATE_IN_PROGRESS) {
                return existing.get(); // resuming after a restart or a wait: the event is already there
            }
            StoredResource r = StoredResource.started(logicalId, declared.type(), now());
            records.put(tx, ns, stack, r);
            records.events.resource(tx, ns, stack, r, null);
            return r;
        });
        boolean resuming = started.waits();
        if (!rollingBack && !resuming) {
            HookOutcome outcome = hooks.resource(ns, stack.stackName(), stack.stackId(), op.changeSetId(), "CREATE",
                    logicalId, declared.type(), properties, Map.of());
            if (hookEvents(ns, stack, started, outcome, ResourceStatus.CREATE_IN_PROGRESS)) {
                ends.resourceFailed(ns, stackKey, started.in(ResourceStatus.CREATE_FAILED,
                        Optional.of(outcome.failureReason()), now()), false);
                return Next.MORE;
            }
        }
        Provisioned[] made = new Provisioned[1];
        try {
            Progress progress = provider(declared.type()).create(resolved(request(ns, stack, logicalId, declared.type(),
                    properties, Map.of())), started.callbackContext());
            switch (progress) {
                case Progress.InProgress waiting -> {
                    records.store.inRetriedTransaction(tx -> {
                        if (!resuming) {
                            records.events.resource(tx, ns, stack, started, "Resource creation Initiated");
                        }
                        records.put(tx, ns, stack, started.waiting(waiting.callbackContext(), now().plus(waiting.delay())));
                    });
                    return new Next.WaitUntil(now().plus(waiting.delay()));
                }
                case Progress.Failed failed -> {
                    // a physical resource the failed create left is kept, with its properties, so a rollback deletes it
                    StoredResource left = failed.physicalId().map(id -> started.provisioned(ResourceStatus.CREATE_FAILED,
                            new Provisioned(id, Map.of()), properties, now())).orElse(started);
                    ends.resourceFailed(ns, stackKey, left.in(ResourceStatus.CREATE_FAILED, Optional.of(failed.reason()), now()),
                            rollingBack);
                }
                case Progress.Success success -> {
                    Provisioned p = success.resource();
                    made[0] = p;
                    records.store.inRetriedTransaction(tx -> {
                        StoredResource done = started.provisioned(ResourceStatus.CREATE_IN_PROGRESS, p, properties, now());
                        if (!resuming) {
                            records.events.resource(tx, ns, stack, done, "Resource creation Initiated");
                        }
                        done = done.in(ResourceStatus.CREATE_COMPLETE, Optional.empty(), now());
                        records.put(tx, ns, stack, done);
                        records.events.resource(tx, ns, stack, done, null);
                    });
                }
            }
        } catch (ResourceFailure e) {
            ends.resourceFailed(ns, stackKey, started.in(ResourceStatus.CREATE_FAILED, Optional.of(e.getMessage()), now()),
                    rollingBack);
        } catch (RuntimeException e) {
            // made but not recorded (the store refused what the provider answered): keep its id, so a rollback deletes it
            StoredResource failed = made[0] == null ? started : started.provisioned(ResourceStatus.CREATE_FAILED,
                    new Provisioned(made[0].physicalId(), Map.of()), Map.of(), now());
            ends.resourceFailed(ns, stackKey, failed.in(ResourceStatus.CREATE_FAILED,
                    Optional.of(internalFailure(logicalId, e)), now()), rollingBack);
        }
        return Next.MORE;
    }

    /** @param updatePolicy the resource's evaluated UpdatePolicy, empty during a rollback */
    Next update(Namespace ns, String stackKey, StoredStack stack, Operation op, StoredResource r,
                Map<String, Object> properties, Map<String, Object> updatePolicy, boolean rollingBack) {
        boolean resuming = r.waits() && r.status() == ResourceStatus.UPDATE_IN_PROGRESS;
        StoredResource started = resuming ? r : r.in(ResourceStatus.UPDATE_IN_PROGRESS, Optional.empty(), now());
        if (!resuming) {
            records.store.inRetriedTransaction(tx -> {
                records.put(tx, ns, stack, started);
                records.events.resource(tx, ns, stack, started, null);
            });
        }
        if (!rollingBack && !resuming) {
            HookOutcome outcome = hooks.resource(ns, stack.stackName(), stack.stackId(), op.changeSetId(), "UPDATE",
                    r.logicalId(), r.type(), properties, r.properties());
            if (hookEvents(ns, stack, started, outcome, ResourceStatus.UPDATE_IN_PROGRESS)) {
                ends.resourceFailed(ns, stackKey, started.in(ResourceStatus.UPDATE_FAILED,
                        Optional.of(outcome.failureReason()), now()), false);
                return Next.MORE;
            }
        }
        try {
            Provisioned old = r.current().orElseThrow();
            ResourceRequest request = request(ns, stack, r.logicalId(), r.type(), properties, r.properties());
            Progress progress = provider(r.type()).update(resolved(new ResourceRequest(request.ns(), request.stackName(),
                    request.stackId(), request.logicalId(), request.type(), request.properties(),
                    request.previousProperties(), updatePolicy)), old, started.callbackContext());
            switch (progress) {
                case Progress.InProgress waiting -> {
                    records.store.inRetriedTransaction(tx -> {
                        if (!resuming && waiting.message() != null) {
                            records.events.resource(tx, ns, stack, started, waiting.message());
                        }
                        records.put(tx, ns, stack, started.waiting(waiting.callbackContext(), now().plus(waiting.delay())));
                    });
                    return new Next.WaitUntil(now().plus(waiting.delay()));
                }
                case Progress.Failed failed -> ends.resourceFailed(ns, stackKey, started.in(ResourceStatus.UPDATE_FAILED,
                        Optional.of(failed.reason()), now()), rollingBack);
                case Progress.Success success -> {
                    Provisioned p = success.resource();
                    List<StoredResource.Retired> retired = new ArrayList<>(r.retired());
                    if (!p.physicalId().equals(old.physicalId())) {
                        retired.add(new StoredResource.Retired(old.physicalId(), r.properties(), old.attributes()));
                    }
                    records.store.inRetriedTransaction(tx -> {
                        StoredResource done = started.withRetired(List.copyOf(retired))
                                .provisioned(ResourceStatus.UPDATE_COMPLETE, p, properties, now());
                        records.put(tx, ns, stack, done);
                        records.events.resource(tx, ns, stack, done, null);
                    });
                }
            }
        } catch (ResourceFailure e) {
            ends.resourceFailed(ns, stackKey, started.in(ResourceStatus.UPDATE_FAILED, Optional.of(e.getMessage()), now()),
                    rollingBack);
        } catch (RuntimeException e) {
            ends.resourceFailed(ns, stackKey, started.in(ResourceStatus.UPDATE_FAILED,
                    Optional.of(internalFailure(r.logicalId(), e)), now()), rollingBack);
        }
        return Next.MORE;
    }

    /**
     * Deletes the first physical resource {@code r} replaced, with DELETE_IN_PROGRESS and
     * DELETE_COMPLETE events under the old physical id, as AWS writes them in the cleanup. AWS
     * leaves one it cannot clean up behind and completes the update, so a failure (DELETE_FAILED)
     * only drops it from the list.
     */
    Next deleteRetired(Namespace ns, StoredStack stack, StoredResource r) {
        StoredResource.Retired first = r.retired().getFirst();
        StoredResource current = r;
        if (!first.deleting()) {
            current = r.withRetired(replaceFirst(r.retired(), first.deleting(first.callbackContext())));
            StoredResource started = current;
            records.store.inRetriedTransaction(tx -> {
                records.put(tx, ns, stack, started);
                records.events.retired(tx, ns, stack, r, first.physicalId(), ResourceStatus.DELETE_IN_PROGRESS, null);
            });
        }
        StoredResource.Retired old = current.retired().getFirst();
        Progress progress;
        try {
            progress = provider(r.type()).delete(request(ns, stack, r.logicalId(), r.type(), old.properties(), Map.of()),
                    new Provisioned(old.physicalId(), old.attributes()), old.callbackContext());
        } catch (RuntimeException e) {
            progress = new Progress.Failed(String.valueOf(e.getMessage()));
        }
        if (progress instanceof Progress.InProgress waiting) {
            StoredResource waits = current.withRetired(replaceFirst(current.retired(), old.deleting(waiting.callbackContext())));
            records.store.inRetriedTransaction(tx -> records.put(tx, ns, stack, waits));
            return new Next.WaitUntil(now().plus(waiting.delay()));
        }
        String reason = progress instanceof Progress.Failed failed ? failed.reason() : null;
        StoredResource done = current.withRetired(current.retired().subList(1, current.retired().size()));
        records.store.inRetriedTransaction(tx -> {
            records.put(tx, ns, stack, done);
            records.events.retired(tx, ns, stack, r, old.physicalId(),
                    reason == null ? ResourceStatus.DELETE_COMPLETE : ResourceStatus.DELETE_FAILED, reason);
        });
        return Next.MORE;
    }

    private static List<StoredResource.Retired> replaceFirst(List<StoredResource.Retired> retired, StoredResource.Retired first) {
        List<StoredResource.Retired> next = new ArrayList<>(retired);
        next.set(0, first);
        return List.copyOf(next);
    }

    /** Deletes one resource (or finds it retained); says why it could not, or until when it waits. */
    Deletion delete(Namespace ns, StoredStack stack, StoredResource r, boolean askHooks) {
        boolean resuming = r.waits() && r.status() == ResourceStatus.DELETE_IN_PROGRESS;
        StoredResource started = r;
        if (!resuming) {
            Resource declared = StackPhases.declaredBefore(stack, r.logicalId());
            if (declared != null && declared.deletionPolicy().filter("Retain"::equals).isPresent()
                    && !r.status().value().startsWith("CREATE_FAILED")) {
                records.store.inRetriedTransaction(tx -> {
                    StoredResource skipped = r.in(ResourceStatus.DELETE_SKIPPED, Optional.empty(), now());
                    records.put(tx, ns, stack, skipped);
                    records.events.resource(tx, ns, stack, skipped, null);
                });
                return new Deletion.Gone();
            }
            StoredResource inProgress = r.in(ResourceStatus.DELETE_IN_PROGRESS, Optional.empty(), now());
            started = inProgress;
            records.store.inRetriedTransaction(tx -> {
                records.put(tx, ns, stack, inProgress);
                records.events.resource(tx, ns, stack, inProgress, null);
            });
            if (askHooks && r.physicalId().isPresent()) {
                HookOutcome outcome = hooks.resource(ns, stack.stackName(), stack.stackId(), null, "DELETE", r.logicalId(),
                        r.type(), Map.of(), r.properties());
                if (hookEvents(ns, stack, started, outcome, ResourceStatus.DELETE_IN_PROGRESS)) {
                    return deleteFailed(ns, stack, started, outcome.failureReason());
                }
            }
        }
        try {
            if (r.physicalId().isPresent()) {
                Progress progress = provider(r.type()).delete(request(ns, stack, r.logicalId(), r.type(), r.properties(),
                        Map.of()), r.current().orElseThrow(), started.callbackContext());
                if (progress instanceof Progress.InProgress waiting) {
                    StoredResource waits = started.waiting(waiting.callbackContext(), now().plus(waiting.delay()));
                    records.store.inRetriedTransaction(tx -> records.put(tx, ns, stack, waits));
                    return new Deletion.Waiting(now().plus(waiting.delay()));
                }
                if (progress instanceof Progress.Failed failed) {
                    return deleteFailed(ns, stack, started, failed.reason());
                }
            }
        } catch (ResourceFailure e) {
            return deleteFailed(ns, stack, started, e.getMessage());
        } catch (RuntimeException e) {
            return deleteFailed(ns, stack, started, internalFailure(r.logicalId(), e));
        }
        StoredResource deleted = started;
        records.store.inRetriedTransaction(tx -> {
            StoredResource done = deleted.in(ResourceStatus.DELETE_COMPLETE, Optional.empty(), now());
            records.put(tx, ns, stack, done);
            records.events.resource(tx, ns, stack, done, null);
        });
        return new Deletion.Gone();
    }

    private Deletion deleteFailed(Namespace ns, StoredStack stack, StoredResource started, String why) {
        records.store.inRetriedTransaction(tx -> {
            StoredResource failed = started.in(ResourceStatus.DELETE_FAILED, Optional.of(why), now());
            records.put(tx, ns, stack, failed);
            records.events.resource(tx, ns, stack, failed, why);
        });
        return new Deletion.Failed(why);
    }

    /** Records hook outcomes as events on the resource; true when one of them blocks. */
    private boolean hookEvents(Namespace ns, StoredStack stack, StoredResource r, HookOutcome outcome, ResourceStatus status) {
        if (outcome.runs().isEmpty()) {
            return false;
        }
        records.store.inRetriedTransaction(tx -> {
            for (HookRun run : outcome.runs()) {
                records.events.hook(tx, ns, stack, r.logicalId(), r.physicalId().orElse(""), r.type(), status, run);
            }
            if (!outcome.blocked() && status == ResourceStatus.CREATE_IN_PROGRESS) {
                records.events.resource(tx, ns, stack, r, "Hook invocations complete.  Resource creation initiated");
            }
        });
        return outcome.blocked();
    }

    /** A resource's reason for a failure that is Slipway's: no Java names, only the store's own words where it refused a record. */
    private static String internalFailure(String logicalId, RuntimeException e) {
        Log.LOG.log(System.Logger.Level.WARNING, "resource " + logicalId + " failed unexpectedly", e);
        return e instanceof DocumentTooLargeException ? StackEngine.INTERNAL_FAILURE + ": " + e.getMessage()
                : StackEngine.INTERNAL_FAILURE;
    }

    private ResourceProvider provider(String type) {
        return providers.find(type).orElseThrow(() -> new ResourceFailure("Resource type " + type
                + " is not supported by Slipway. Slipway creates: " + String.join(", ", new java.util.TreeSet<>(providers.types()))));
    }

    /**
     * The request with its dynamic references replaced by the parameters' values, read now, as a
     * resource is created or updated; a reference to a missing parameter fails the resource.
     */
    private ResourceRequest resolved(ResourceRequest r) {
        try {
            return new ResourceRequest(r.ns(), r.stackName(), r.stackId(), r.logicalId(), r.type(),
                    DynamicReferences.resolve(r.ns(), r.properties(), ssm),
                    DynamicReferences.resolve(r.ns(), r.previousProperties(), ssm), r.updatePolicy());
        } catch (TemplateException e) {
            throw new ResourceFailure(e.getMessage());
        }
    }

    private static ResourceRequest request(Namespace ns, StoredStack stack, String logicalId, String type,
                                           Map<String, Object> properties, Map<String, Object> previous) {
        return new ResourceRequest(ns, stack.stackName(), stack.stackId(), logicalId, type, properties, previous);
    }

    private Instant now() {
        return records.clock.now();
    }
}
