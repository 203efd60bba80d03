package io.slipway.lambda.invoke;

import io.slipway.core.Namespace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last few invocations of each function on this node, newest first, for the console: what
 * CloudWatch Logs would show on AWS. A view, not a record: it lives in memory, is bounded per
 * function and per node, and starts empty after a restart.
 */
public final class RecentInvocations {
    /** How many invocations of one function are kept. */
    static final int KEPT = 20;
    /** How many functions are kept; the one invoked least recently makes room. */
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

    private final Map<Key, Deque<Invocation>> byFunction = new ConcurrentHashMap<>();

    void add(Namespace ns, String functionName, Invocation invocation) {
        Key key = new Key(ns.account(), ns.region(), functionName);
        if (byFunction.size() >= FUNCTIONS && !byFunction.containsKey(key)) {
            byFunction.keySet().stream().findAny().ifPresent(byFunction::remove);
        }
        Deque<Invocation> kept = byFunction.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addFirst(invocation);
            while (kept.size() > KEPT) {
                kept.removeLast();
            }
        }
    }

    /** The function's invocations in the caller's namespace, newest first. */
    public List<Invocation> of(Namespace ns, String functionName) {
        Deque<Invocation> kept = byFunction.get(new Key(ns.account(), ns.region(), functionName));
        if (kept == null) {
            return List.of();
        }
        synchronized (kept) {
            return new ArrayList<>(kept);
        }
    }
}
