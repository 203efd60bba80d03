package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.hooks.HookInvocations;
import io.slipway.cloudformation.hooks.HookOutcome;
import io.slipway.core.Namespace;

import java.util.List;
import java.util.Map;

/**
 * The hooks a stack operation asks before it acts, at PRE_PROVISION: on each resource it creates,
 * updates or deletes, on the stack as a whole, and on a change set being created. Called outside
 * store transactions; an outcome that {@link HookOutcome#blocked() blocks} stops the operation.
 */
public interface StackHooks {

    /** @param action CREATE, UPDATE or DELETE */
    HookOutcome resource(Namespace ns, String stackName, String stackId, String changeSetId, String action,
                         String logicalId, String type, Map<String, Object> properties,
                         Map<String, Object> previousProperties);

    /** @param template the template the stack gets ("" on delete); previousTemplate what it had ("" on create) */
    HookOutcome stack(Namespace ns, String stackName, String stackId, String action, String template,
                      String previousTemplate);

    /** @param changesJson the {@code changedResources} list of the change set, as JSON */
    HookOutcome changeSet(Namespace ns, String stackName, String stackId, String changeSetId, String template,
                          String changesJson);

    /** The hooks that would run for a resource change, without running them (DescribeChangeSetHooks). */
    List<HookInvocations.PlannedHook> planned(Namespace ns, String stackName, String stackId, String changeSetId,
                                              String action, String logicalId, String type);

    /** No hooks at all. */
    StackHooks NONE = new StackHooks() {
        @Override
        public HookOutcome resource(Namespace ns, String stackName, String stackId, String changeSetId, String action,
                                    String logicalId, String type, Map<String, Object> properties,
                                    Map<String, Object> previousProperties) {
            return HookOutcome.NONE;
        }

        @Override
        public HookOutcome stack(Namespace ns, String stackName, String stackId, String action, String template,
                                 String previousTemplate) {
            return HookOutcome.NONE;
        }

        @Override
        public List<HookInvocations.PlannedHook> planned(Namespace ns, String stackName, String stackId, String changeSetId,
                                                         String action, String logicalId, String type) {
            return List.of();
        }

        @Override
        public HookOutcome changeSet(Namespace ns, String stackName, String stackId, String changeSetId,
                                     String template, String changesJson) {
            return HookOutcome.NONE;
        }
    };
}
