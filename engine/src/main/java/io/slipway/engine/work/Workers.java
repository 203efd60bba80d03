package io.slipway.engine.work;

import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.WorkItem;
import io.slipway.engine.store.WorkQueue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine loop. One dispatcher claims due work items and runs each on its own virtual thread,
 * at most {@code concurrency} at a time; a success completes the item, a failure gives it back
 * due again after a backoff. Between passes the dispatcher sleeps until the next due time (in
 * real time, through the clock), and is woken early when this process enqueues work, when a
 * handler finishes, or when a manual clock jumps. Leases of running items are renewed while they
 * run, so only a dead node's work moves to another node. A kind registered with a number of
 * attempts is given up after its last failed attempt: its {@link WorkHandler.Abandon} records why,
 * and the item ends.
 */
public final class Workers implements AutoCloseable {

    /** Created on first use: initialising the logging backend costs start-up time that most runs never need. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(Workers.class.getName());
    }

    /** A running item and how long its lease currently lasts. */
    private static final class Running {
        final WorkItem item;
        volatile Instant leaseUntil;

        Running(WorkItem item) {
            this.item = item;
            this.leaseUntil = item.leaseUntil();
        }
    }

    private final WorkQueue queue;
    private final SlipwayClock clock;
    private final WorkersConfig config;
    /** A handler, the attempts its items get (claims since the last reschedule), and what gives one up. */
    private record Registration(WorkHandler handler, int maxAttempts, WorkHandler.Abandon abandon) {
    }

    private final Map<String, Registration> registering = new HashMap<>();
    private volatile Map<String, Registration> handlers = Map.of();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Condition idleReached = lock.newCondition();
    private long requestedPass; // guarded by lock; bumped by every reason to look again
    private long idlePass = -1; // guarded by lock; the last pass that found nothing to do
    private volatile boolean stopping;
    private ExecutorService executor;
    private Thread dispatcher;
    private Runnable removeEnqueueListener = () -> { };
    private Runnable removeJumpListener = () -> { };

    public Workers(WorkQueue queue, SlipwayClock clock, WorkersConfig config) {
        this.queue = queue;
        this.clock = clock;
        this.config = config;
        this.slots = new Semaphore(config.concurrency());
    }

    /** Registers the handler for one kind of work, retried until it succeeds; before {@link #start()}. */
    public Workers register(String kind, WorkHandler handler) {
        return register(kind, handler, Integer.MAX_VALUE, (item, failure) -> { });
    }

    /**
     * Registers the handler for one kind of work whose items are given up once {@code maxAttempts}
     * attempts have failed: {@code abandon} records the failure, then the item ends.
     */
    public Workers register(String kind, WorkHandler handler, int maxAttempts, WorkHandler.Abandon abandon) {
        if (dispatcher != null) {
            throw new IllegalStateException("register handlers before start()");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (registering.putIfAbsent(kind, new Registration(handler, maxAttempts, abandon)) != null) {
            throw new IllegalArgumentException("a handler for " + kind + " is already registered");
        }
        return this;
    }

    /** Starts the dispatcher; workers closed before they started never start (a node told to take no work). */
    public synchronized void start() {
        if (dispatcher != null) {
            throw new IllegalStateException("already started");
        }
        if (stopping) {
            return;
        }
        handlers = Map.copyOf(registering);
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("slipway-work-", 0).factory());
        removeEnqueueListener = queue.addEnqueueListener(this::wake);
        removeJumpListener = clock.addJumpListener(this::wake);
        dispatcher = Thread.ofVirtual().name("slipway-dispatcher").start(this::dispatch);
    }

    /**
     * Waits until a full pass, started after this call, found nothing due and nothing running.
     * This lets tests advance a manual clock and then assert, with no sleeping. False on timeout.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (dispatcher == null) {
            throw new IllegalStateException("start() the workers first");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long target = ++requestedPass;
            wakeUp.signalAll();
            while (idlePass < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idleReached.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops claiming and waits up to {@code closeTimeout} for running handlers, then interrupts
     * them. Unfinished items stay leased and run again once their lease expires.
     */
    @Override
    public synchronized void close() {
        if (dispatcher == null || stopping) {
            stopping = true;
            return;
        }
        stopping = true;
        removeEnqueueListener.run();
        removeJumpListener.run();
        wake();
        try {
            dispatcher.join();
            executor.shutdown();
            if (!executor.awaitTermination(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void wake() {
        lock.lock();
        try {
            requestedPass++;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dispatch() {
        while (!stopping) {
            long pass;
            lock.lock();
            try {
                pass = requestedPass;
            } finally {
                lock.unlock();
            }
            Duration wait;
            try {
                wait = runPass(pass);
            } catch (RuntimeException e) {
                Log.LOG.log(Level.WARNING, "work dispatch failed; retrying", e);
                wait = config.maxIdle();
            }
            sleep(pass, wait);
        }
    }

    /** Claims and starts what is due; returns how long to sleep if nothing wakes us earlier. */
    private Duration runPass(long pass) {
        Instant now = clock.now();
        Optional<Instant> nextRenewal = renewLeases(now);
        int free = slots.availablePermits();
        int wanted = Math.min(free, config.batchSize());
        // Read before claiming: a handler that ends after the claim may have committed work the
        // claim could not see yet; checking "nothing running" afterwards would call that idle.
        boolean nothingRunning = running.isEmpty();
        List<WorkItem> claimed = wanted == 0 ? List.of()
                : queue.claim(config.owner(), now, wanted, config.leaseDuration());
        for (WorkItem item : claimed) {
            slots.acquireUninterruptibly(); // only this thread takes slots, so one is free
            running.put(item.id(), new Running(item));
            executor.execute(() -> perform(item));
        }
        if (claimed.isEmpty() && nothingRunning) {
            markIdle(pass);
        }
        if (wanted > 0 && claimed.size() == wanted) {
            return Duration.ZERO; // a full batch: more may be due already
        }
        // With every slot busy, a finishing handler wakes us; only renewals need a timed wake.
        Optional<Instant> nextDue = free == 0 ? Optional.empty() : queue.nextWakeAt();
        Optional<Instant> next = earliest(nextDue, nextRenewal);
        if (next.isEmpty()) {
            return config.maxIdle();
        }
        Duration real = clock.toRealDelay(Duration.between(now, next.get()));
        return real.compareTo(config.maxIdle()) > 0 ? config.maxIdle() : real;
    }

    private void perform(WorkItem item) {
        Registration registration = handlers.get(item.kind());
        try {
            if (registration == null) {
                throw new IllegalStateException("no handler registered for work kind " + item.kind());
            }
            registration.handler().perform(item);
            queue.complete(item); // false if the handler completed it in its own transaction
        } catch (Exception | StackOverflowError e) { // a handler overflowing its stack on some input fails like any other
            if (registration != null && item.attempts() >= registration.maxAttempts()
                    && !(stopping && e instanceof InterruptedException)) {
                giveUp(item, registration, e);
            } else {
                retryLater(item, e);
            }
        } finally {
            running.remove(item.id());
            slots.release();
            wake();
        }
    }

    private void retryLater(WorkItem item, Throwable failure) {
        if (stopping && failure instanceof InterruptedException) {
            return; // interrupted by close(): the lease expires and the item runs again
        }
        Duration delay = config.retryDelay(item.attempts());
        Log.LOG.log(Level.WARNING, "work item " + item.id() + " (" + item.kind() + ") failed on attempt "
                + item.attempts() + "; retrying in " + delay, failure);
        try {
            queue.fail(item, clock.now().plus(delay));
        } catch (RuntimeException e) {
            Log.LOG.log(Level.WARNING, "could not reschedule work item " + item.id() + "; it retries when its lease expires", e);
        }
    }

    private void giveUp(WorkItem item, Registration registration, Throwable failure) {
        Log.LOG.log(Level.WARNING, "work item " + item.id() + " (" + item.kind() + ") failed on attempt "
                + item.attempts() + ", its last; giving it up", failure);
        try {
            registration.abandon().abandon(item, failure);
        } catch (Exception | StackOverflowError e) {
            Log.LOG.log(Level.ERROR, "could not record the failure of work item " + item.id() + "; it ends anyway", e);
        }
        try {
            queue.complete(item); // false when the abandon completed or rescheduled it itself
        } catch (RuntimeException e) {
            Log.LOG.log(Level.WARNING, "could not remove work item " + item.id() + "; it retries when its lease expires", e);
        }
    }

    /** Renews leases that are half used up; returns when the next renewal is due. */
    private Optional<Instant> renewLeases(Instant now) {
        Duration half = config.leaseDuration().dividedBy(2);
        Instant next = null;
        for (Running r : running.values()) {
            Instant renewAt = r.leaseUntil.minus(half);
            if (!renewAt.isAfter(now)) {
                Instant until = now.plus(config.leaseDuration());
                if (queue.extendLease(r.item, until)) {
                    r.leaseUntil = until;
                    renewAt = until.minus(half);
                } else {
                    Log.LOG.log(Level.WARNING, "lost the lease of work item {0} while it runs", r.item.id());
                    continue;
                }
            }
            next = next == null || renewAt.isBefore(next) ? renewAt : next;
        }
        return Optional.ofNullable(next);
    }

    private void markIdle(long pass) {
        lock.lock();
        try {
            idlePass = Math.max(idlePass, pass);
            idleReached.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps up to {@code wait}, or until something asks for a new pass. */
    private void sleep(long pass, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (!stopping && requestedPass == pass) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wakeUp.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().isBefore(b.get()) ? a : b;
    }
}
