package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.resource.Progress;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceProviders;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.cloudformation.resource.WaitingResourceProvider;
import io.slipway.cloudformation.store.CloudFormationStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.engine.work.WorkersConfig;
import io.slipway.model.cloudformation.CreateStackInput;
import io.slipway.model.cloudformation.DescribeStacksInput;
import io.slipway.model.cloudformation.Stack;
import io.slipway.model.cloudformation.StackStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Stacks over an embedded store, run by real workers on a manual clock, with one resource type,
 * {@code Test::Thing}, whose provider does what the test tells it.
 */
final class StackFixture implements AutoCloseable {
    static final Namespace NS = new Namespace("111122223333", "eu-west-1");
    static final String TYPE = "Test::Thing";
    /** A type whose handler waits, answering in progress until {@link #ready} says otherwise. */
    static final String WAITING = "Test::Waiting";

    final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    final Database db = Database.open(DatabaseConfig.h2InMemory());
    final ResourceStore resources = new ResourceStore(db.jdbc(), clock);
    final WorkQueue queue = new WorkQueue(db.jdbc(), clock, IdGenerator.uuid());
    final Workers workers = new Workers(queue, clock, WorkersConfig.defaults("test"));
    final CloudFormationStore store = new CloudFormationStore(db.jdbc(), resources);
    /** What each create answers, given the request; by default a thing named after its logical id. */
    volatile Function<ResourceRequest, Provisioned> create = r -> new Provisioned(r.logicalId() + "-1", Map.of());
    volatile Runnable onDelete = () -> { };
    /** What each update answers, given the request and the thing as it stands; by default the same thing (in place). */
    volatile java.util.function.BiFunction<ResourceRequest, Provisioned, Provisioned> update = (r, current) -> current;
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Whether a waiting handler's wait is over; its calls are recorded with the context they were given. */
    volatile boolean ready;
    final StackApi api;

    StackFixture() {
        ResourceProvider things = new ResourceProvider() {
            @Override
            public Provisioned create(ResourceRequest request) {
                calls.add("create " + request.logicalId());
                return create.apply(request);
            }

            @Override
            public Provisioned update(ResourceRequest request, Provisioned current) {
                calls.add("update " + request.logicalId());
                return update.apply(request, current);
            }

            @Override
            public void delete(ResourceRequest request, Provisioned current) {
                calls.add("delete " + current.physicalId());
                onDelete.run();
            }
        };
        WaitingResourceProvider waiting = new WaitingResourceProvider() {
            @Override
            public Progress create(ResourceRequest request, Map<String, Object> context) {
                return answer("create " + request.logicalId(), context, new Provisioned(request.logicalId() + "-w", Map.of()));
            }

            @Override
            public Progress update(ResourceRequest request, Provisioned current, Map<String, Object> context) {
                return answer("update " + current.physicalId(), context, current);
            }

            @Override
            public Progress delete(ResourceRequest request, Provisioned current, Map<String, Object> context) {
                return answer("delete " + current.physicalId(), context, current);
            }

            private Progress answer(String call, Map<String, Object> context, Provisioned done) {
                int polls = ((Number) context.getOrDefault("polls", 0)).intValue();
                calls.add(call + " " + polls);
                return ready ? new Progress.Success(done)
                        : new Progress.InProgress(Map.of("polls", polls + 1), Duration.ofSeconds(30));
            }
        };
        api = StackService.create(store, queue, workers, clock, IdGenerator.uuid(),
                new ResourceProviders(Map.of(TYPE, things, WAITING, waiting)), StackHooks.NONE,
                io.slipway.cloudformation.template.SsmParameters.NONE);
        workers.start();
    }

    String create(String name, String template) {
        String id = api.createStack(NS, CreateStackInput.builder().stackName(name).templateBody(template).build()).stackId();
        awaitIdle();
        return id;
    }

    /** Lets the engine run through its retries: each round moves time past the longest backoff. */
    void runRetries() {
        for (int i = 0; i < 2 * StackEngine.ATTEMPTS + 2; i++) {
            clock.advance(Duration.ofMinutes(10));
            awaitIdle();
        }
    }

    void awaitIdle() {
        try {
            if (!workers.awaitIdle(Duration.ofSeconds(30))) {
                throw new AssertionError("the engine did not become idle");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Stack stack(String nameOrId) {
        return api.describeStacks(NS, DescribeStacksInput.builder().stackName(nameOrId).build()).stacks().getFirst();
    }

    StackStatus status(String nameOrId) {
        return stack(nameOrId).stackStatus();
    }

    @Override
    public void close() {
        workers.close();
        db.close();
    }
}
