package io.slipway.lambda.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Which execution environments exist and who uses them: one invocation per environment, warm ones
 * reused by invocations with the same {@link FunctionCode.EnvironmentKey}, at most {@code maxPerFunction}
 * per function and {@code maxEnvironments} in all. To make room, the least recently used idle
 * environment is stopped; when none is idle, the invocation waits. Environments are stopped outside
 * the lock, so one slow kill holds up nobody else.
 */
final class EnvironmentPool {

    /** A place for one environment; {@code environment} is empty while the first invocation starts it. */
    static final class Slot {
        final FunctionCode.EnvironmentKey key;
        private Optional<ExecutionEnvironment> environment = Optional.empty();
        private boolean busy = true;
        private boolean retired; // evicted while busy: stop it when the invocation is over
        private long lastUsed;

        private Slot(FunctionCode.EnvironmentKey key) {
            this.key = key;
        }

        Optional<ExecutionEnvironment> environment() {
            return environment;
        }
    }

    private final int maxEnvironments;
    private final int maxPerFunction;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Slot> slots = new ArrayList<>();
    private long uses;    // orders slots by last use without reading a clock
    private int waiting;
    private boolean closed;

    EnvironmentPool(int maxEnvironments, int maxPerFunction) {
        this.maxEnvironments = maxEnvironments;
        this.maxPerFunction = maxPerFunction;
    }

    /**
     * A slot for one invocation of {@code key}: a warm environment if there is one, else an empty slot
     * the caller starts an environment in (then {@link #attach}). Always pair with {@link #release}.
     */
    Slot acquire(FunctionCode.EnvironmentKey key) throws InterruptedException {
        List<ExecutionEnvironment> toStop = new ArrayList<>();
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the local Lambda runtime is closed");
                }
                removeIdle(s -> s.environment.isPresent() && !s.environment.get().alive(), toStop);
                Optional<Slot> warm = slots.stream().filter(s -> !s.busy && s.key.equals(key))
                        .max(Comparator.comparingLong(s -> s.lastUsed));
                if (warm.isPresent()) {
                    warm.get().busy = true;
                    return warm.get();
                }
                boolean room = (count(s -> s.key.functionName().equals(key.functionName())) < maxPerFunction
                        || removeLeastRecentlyUsed(s -> s.key.functionName().equals(key.functionName()), toStop))
                        && (slots.size() < maxEnvironments || removeLeastRecentlyUsed(s -> true, toStop));
                if (room) {
                    Slot fresh = new Slot(key);
                    slots.add(fresh);
                    return fresh;
                }
                waiting++;
                changed.signalAll();
                try {
                    changed.await();
                } finally {
                    waiting--;
                }
            }
        } finally {
            lock.unlock();
            toStop.forEach(ExecutionEnvironment::stop);
        }
    }

    /** Records the environment started in a fresh slot; false if the pool closed or evicted meanwhile (stop it). */
    boolean attach(Slot slot, ExecutionEnvironment environment) {
        lock.lock();
        try {
            if (closed || !slots.contains(slot)) {
                return false;
            }
            slot.environment = Optional.of(environment);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends an invocation; the environment stays warm only if {@code reusable} and nobody evicted it. */
    void release(Slot slot, boolean reusable) {
        Optional<ExecutionEnvironment> toStop = Optional.empty();
        lock.lock();
        try {
            if (!reusable || slot.retired || closed || !slots.contains(slot) || slot.environment.isEmpty()) {
                slots.remove(slot);
                toStop = slot.environment;
            } else {
                slot.busy = false;
                slot.lastUsed = ++uses;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        toStop.ifPresent(ExecutionEnvironment::stop);
    }

    /** Stops the idle environments of a function now, and its busy ones when their invocations end. */
    void evict(String functionName) {
        List<ExecutionEnvironment> toStop = new ArrayList<>();
        lock.lock();
        try {
            slots.stream().filter(s -> s.key.functionName().equals(functionName)).forEach(s -> s.retired = true);
            removeIdle(s -> s.key.functionName().equals(functionName), toStop);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        toStop.forEach(ExecutionEnvironment::stop);
    }

    /** Stops everything; invocations still running end as their processes die. */
    void close() {
        List<ExecutionEnvironment> toStop = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            slots.forEach(s -> s.environment.ifPresent(toStop::add));
            slots.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        toStop.forEach(ExecutionEnvironment::stop);
    }

    /** Environments (idle, busy or starting) of a function; for tests and the console. */
    int environments(String functionName) {
        lock.lock();
        try {
            return count(s -> s.key.functionName().equals(functionName));
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code count} invocations are blocked waiting for an environment; false after {@code max}. */
    boolean awaitWaiting(int count, Duration max) throws InterruptedException {
        long left = max.toNanos();
        lock.lock();
        try {
            while (waiting < count) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private int count(Predicate<Slot> which) {
        return (int) slots.stream().filter(which).count();
    }

    private void removeIdle(Predicate<Slot> which, List<ExecutionEnvironment> toStop) {
        slots.removeIf(s -> {
            if (!s.busy && which.test(s)) {
                s.environment.ifPresent(toStop::add);
                return true;
            }
            return false;
        });
    }

    private boolean removeLeastRecentlyUsed(Predicate<Slot> which, List<ExecutionEnvironment> toStop) {
        Optional<Slot> lru = slots.stream().filter(s -> !s.busy && which.test(s))
                .min(Comparator.comparingLong(s -> s.lastUsed));
        lru.ifPresent(s -> {
            slots.remove(s);
            s.environment.ifPresent(toStop::add);
        });
        return lru.isPresent();
    }
}
