package io.slipway.cloudformation.hooks;

import java.util.List;

/** Every hook that ran for one target, in the order they ran. */
public record HookOutcome(List<HookRun> runs) {
    public static final HookOutcome NONE = new HookOutcome(List.of());

    public HookOutcome {
        runs = List.copyOf(runs);
    }

    public boolean blocked() {
        return runs.stream().anyMatch(HookRun::blocks);
    }

    /** AWS's reason for a stopped operation: {@code The following hook(s) failed: [A, B]}. */
    public String failureReason() {
        return "The following hook(s) failed: " + runs.stream().filter(HookRun::blocks).map(HookRun::typeName).toList();
    }
}
