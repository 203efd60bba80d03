package io.slipway.lambda.invoke;

import io.slipway.core.Namespace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last few invocations of each function on this node, newest first, for the console: what
 * CloudWatch Logs would show on AWS. A view, not a record: it lives in memory, is bounded per
 * function and per node, and starts empty after a restart.
 */
public final class RecentInvocations {
    /** How many invocations of one function are kept. */
    static final int KEPT = 20;
    /** How many functions are kept; the one invoked or shown least recently makes room. */
    static final int FUNCTIONS = 1_000;

    /**
     * @param functionError empty when it succeeded, else Lambda's {@code FunctionError} ({@code Unhandled})
     * @param logTail the invocation's log tail: START, what it printed, END and REPORT
     */
    public record Invocation(String requestId, String version, Instant startedAt, Duration duration, String functionError,
                             String logTail) {
    }

    private record Key(String account, String region, String functionName) {
    }

    /** In access order (invocations and reads), so the function least recently used makes room. */
    private final Map<Key, Deque<Invocation>> byFunction = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Deque<Invocation>> eldest) {
            return size() > FUNCTIONS;
        }
    };

    synchronized void add(Namespace ns, String functionName, Invocation invocation) {
        Deque<Invocation> kept = byFunction.computeIfAbsent(new Key(ns.account(), ns.region(), functionName),
                k -> new ArrayDeque<>());
        kept.addFirst(invocation);
        if (kept.size() > KEPT) {
            kept.removeLast();
        }
    }

    /** The function's invocations in the caller's namespace, newest first. */
    public synchronized List<Invocation> of(Namespace ns, String functionName) {
        Deque<Invocation> kept = byFunction.get(new Key(ns.account(), ns.region(), functionName));
        return kept == null ? List.of() : new ArrayList<>(kept);
    }
}
