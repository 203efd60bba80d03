package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.stack.StoredStack.Operation;
import io.slipway.cloudformation.template.Evaluator;
import io.slipway.cloudformation.template.Template;
import io.slipway.cloudformation.template.TemplateException;
import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a stack operation ends or turns: a resource failed (roll back, or stop), the operation
 * completed (outputs and exports recorded), a rollback completed, or Slipway itself failed.
 */
final class OperationEnds {
    private final StackRecords records;
    private final Exports exports;
    private final StackEngine.ChangeSetEnd changeSetEnd;

    OperationEnds(StackRecords records, Exports exports, StackEngine.ChangeSetEnd changeSetEnd) {
        this.records = records;
        this.exports = exports;
        this.changeSetEnd = changeSetEnd;
    }

    /** The resource failed: it is recorded with its event, and the operation rolls back (or ends, if rolling back already). */
    void resourceFailed(Namespace ns, String stackKey, StoredResource failed, boolean rollingBack) {
        records.store.inRetriedTransaction(tx -> {
            // the stack's row is claimed first (a version-checked write of itself), so of resources failing side
            // by side one turns the operation and the others, retried, find it turned
            io.slipway.engine.store.Versioned<StoredStack> read = records.store.get(tx, Stacks.STACK, ns, stackKey).orElseThrow();
            records.store.replace(tx, Stacks.STACK, ns, stackKey, read, read.value());
            StoredStack s = read.value();
            records.put(tx, ns, s, failed);
            records.events.resource(tx, ns, s, failed, failed.reason().orElse(null));
            if (!s.operation().map(Operation::phase).orElse("").equals(rollingBack ? "ROLLBACK" : "RUN")) {
                return; // another resource provisioned beside this one failed first: the operation has turned already
            }
            String verb = failed.status() == io.slipway.model.cloudformation.ResourceStatus.CREATE_FAILED ? "create" : "update";
            String reason = "The following resource(s) failed to " + verb + ": [" + failed.logicalId() + "]. ";
            if (rollingBack) {
                Operation o = s.operation().orElseThrow();
                s = records.status(tx, ns, s, o.kind().equals("CREATE") ? "ROLLBACK_FAILED" : "UPDATE_ROLLBACK_FAILED", reason);
                records.save(tx, ns, stackKey, s.withOperation(Optional.empty()));
            } else {
                fail(tx, ns, stackKey, s, reason);
            }
        });
    }

    /** The operation failed: roll back, or stop where it is when the stack disables rollback. */
    void fail(Tx tx, Namespace ns, String stackKey, StoredStack s, String reason) {
        Operation o = s.operation().orElseThrow();
        boolean disableRollback = Boolean.TRUE.equals(s.view().disableRollback());
        switch (o.kind()) {
            case "DELETE" -> {
                s = records.status(tx, ns, s, "DELETE_FAILED", reason);
                records.save(tx, ns, stackKey, s.withOperation(Optional.empty()));
            }
            case "CREATE" -> {
                if (disableRollback) {
                    s = records.status(tx, ns, s, "CREATE_FAILED", reason);
                    endChangeSet(tx, ns, o, false);
                    records.save(tx, ns, stackKey, s.withOperation(Optional.empty()));
                } else {
                    s = records.status(tx, ns, s, "ROLLBACK_IN_PROGRESS", reason + "Rollback requested by user.");
                    records.save(tx, ns, stackKey, s.withOperation(Optional.of(o.inPhase("ROLLBACK", reason))));
                }
            }
            default -> {
                if (disableRollback) {
                    s = records.status(tx, ns, s, "UPDATE_FAILED", reason);
                    endChangeSet(tx, ns, o, false);
                    records.save(tx, ns, stackKey, s.withOperation(Optional.empty()));
                } else {
                    s = records.status(tx, ns, s, "UPDATE_ROLLBACK_IN_PROGRESS", reason);
                    records.save(tx, ns, stackKey, s.withOperation(Optional.of(o.inPhase("ROLLBACK", reason))));
                }
            }
        }
    }

    /** A step kept failing with something the template does not explain: forward operations roll back, rollbacks end failed. */
    void failUnexpectedly(Tx tx, Namespace ns, String stackKey, StoredStack s) {
        Operation o = s.operation().orElseThrow();
        String reason = StackEngine.INTERNAL_FAILURE + ". ";
        if (!o.phase().startsWith("ROLLBACK")) {
            fail(tx, ns, stackKey, s, reason);
            return;
        }
        s = records.status(tx, ns, s, o.kind().equals("CREATE") ? "ROLLBACK_FAILED" : "UPDATE_ROLLBACK_FAILED", reason);
        endChangeSet(tx, ns, o, false);
        records.save(tx, ns, stackKey, s.withOperation(Optional.empty()));
    }

    /** What an output that reads a NoEcho resource's attributes shows, as AWS masks them. */
    static final String MASK = "*****";

    /** The stack's outputs and exports, evaluated outside any transaction; {@code error} when they cannot be. */
    record Outputs(List<io.slipway.model.cloudformation.Output> views, Map<String, String> exported, String error) {
        /** @param masked the evaluator that reads NoEcho attributes as masks, null when there are none */
        static Outputs of(Template template, Evaluator evaluator, Evaluator masked) {
            try {
                Map<String, String> exported = evaluator.exports();
                Map<String, String> maskedValues = masked == null ? Map.of() : masked.outputs();
                List<io.slipway.model.cloudformation.Output> views = new ArrayList<>();
                evaluator.outputs().forEach((name, real) -> {
                    String value = masked != null && !real.equals(maskedValues.get(name)) ? MASK : real;
                    io.slipway.cloudformation.template.Output declared = template.outputs().get(name);
                    Object exportName = declared.exportName().map(evaluator::evaluate).orElse(null);
                    views.add(io.slipway.model.cloudformation.Output.builder().outputKey(name).outputValue(value)
                            .description(declared.description().orElse(null))
                            .exportName(exportName == null ? null : String.valueOf(exportName)).build());
                });
                return new Outputs(views, exported, null);
            } catch (TemplateException | IllegalStateException e) {
                return new Outputs(List.of(), Map.of(), e.getMessage());
            }
        }
    }

    /**
     * The operation's resources are where they should be: the stack completes (or its update has rolled back).
     *
     * @param declared the resources of the template the stack now has (its conditions applied): any other
     *                 resource whose delete completed or was skipped stops being one of the stack's
     */
    void finish(Tx tx, Namespace ns, String stackKey, StoredStack s, Outputs outputs, boolean rolledBack,
                Collection<String> declared) {
        Operation o = s.operation().orElseThrow();
        if (rolledBack) {
            s = o.restore(s);
            records.forgetRemoved(tx, ns, s, declared);
            s = records.status(tx, ns, s, "UPDATE_ROLLBACK_COMPLETE", null);
            endChangeSet(tx, ns, o, false);
            records.save(tx, ns, stackKey, s.withOperation(Optional.empty()));
            return;
        }
        try {
            if (outputs.error() != null) {
                throw new TemplateException(outputs.error());
            }
            exports.replace(tx, ns, s.stackId(), outputs.exported());
        } catch (TemplateException | Exports.Conflict e) {
            fail(tx, ns, stackKey, s, e.getMessage() + " ");
            return;
        }
        records.forgetRemoved(tx, ns, s, declared);
        s = s.withView(s.view().toBuilder().outputs(outputs.views().isEmpty() ? null : outputs.views()).build());
        s = records.status(tx, ns, s, o.kind().equals("CREATE") ? "CREATE_COMPLETE" : "UPDATE_COMPLETE", null);
        endChangeSet(tx, ns, o, true);
        records.save(tx, ns, stackKey, s.withOperation(Optional.empty()));
    }

    void endChangeSet(Tx tx, Namespace ns, Operation o, boolean succeeded) {
        if (o.changeSetId() != null) {
            changeSetEnd.ended(tx, ns, o.changeSetId(), succeeded);
        }
    }
}
