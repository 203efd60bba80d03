package io.slipway.cloudformation.stack;

import java.time.Instant;

/** What a step of a stack operation leaves: another step now, nothing, or a resource waiting until a time. */
sealed interface Next {
    Next MORE = new More();
    Next DONE = new Done();

    record More() implements Next {
    }

    record Done() implements Next {
    }

    /** A provider answered in progress: the operation's work is due again at {@code at} (or when woken). */
    record WaitUntil(Instant at) implements Next {
    }

    /** What steps run side by side leave together: another step, since the next one works out what is still to do. */
    static Next combined(java.util.List<Next> results) {
        return MORE;
    }
}
