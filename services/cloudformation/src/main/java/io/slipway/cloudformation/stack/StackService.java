package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.resource.Progress;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.cloudformation.resource.WaitingResourceProvider;
import io.slipway.cloudformation.template.SsmParameters;

import java.util.Map;
import java.util.function.Supplier;
import io.slipway.cloudformation.template.TemplateObjects;
import io.slipway.cloudformation.resource.ResourceProviders;
import io.slipway.cloudformation.store.CloudFormationStore;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;

/** Stacks and change sets assembled: the engine's work registered on the workers, the API on top. */
public final class StackService {
    private StackService() {
    }

    public static StackApi create(CloudFormationStore store, WorkQueue queue, Workers workers, SlipwayClock clock,
                                  IdGenerator ids, ResourceProviders providers, StackHooks hooks, SsmParameters ssm) {
        return create(store, queue, workers, clock, ids, providers, hooks, ssm,
                new TemplateBodies(TemplateObjects.NONE, () -> null));
    }

    /** @param bodies where TemplateURLs are read */
    public static StackApi create(CloudFormationStore store, WorkQueue queue, Workers workers, SlipwayClock clock,
                                  IdGenerator ids, ResourceProviders providers, StackHooks hooks, SsmParameters ssm,
                                  TemplateBodies bodies) {
        StackEvents events = new StackEvents(store, clock, ids);
        Exports exports = new Exports(store);
        ChangeSets[] changeSets = new ChangeSets[1];
        // nested stacks are CloudFormation's own resource type: their provider works through the stacks below
        NestedStacks[] nested = new NestedStacks[1];
        ResourceProviders all = providers.with(Map.of(NestedStacks.TYPE, new LateProvider(() -> nested[0])));
        StackEngine engine = new StackEngine(store, queue, clock, events, all, hooks, exports,
                (tx, ns, id, succeeded) -> changeSets[0].ended(tx, ns, id, succeeded), ssm);
        Stacks stacks = new Stacks(store, clock, ids, engine, events, bodies);
        nested[0] = new NestedStacks(stacks, bodies, events);
        changeSets[0] = new ChangeSets(store, queue, clock, ids, stacks, engine, hooks, events);
        engine.register(workers);
        changeSets[0].register(workers);
        return new StackApi(stacks, changeSets[0], exports, events, bodies, all::isRecorded);
    }

    /** A provider made after the engine that calls it (the nested stack provider needs the stacks the engine serves). */
    private record LateProvider(Supplier<WaitingResourceProvider> provider) implements WaitingResourceProvider {
        @Override
        public Progress create(ResourceRequest request, Map<String, Object> context) {
            return provider.get().create(request, context);
        }

        @Override
        public Progress update(ResourceRequest request, Provisioned current, Map<String, Object> context) {
            return provider.get().update(request, current, context);
        }

        @Override
        public Progress delete(ResourceRequest request, Provisioned current, Map<String, Object> context) {
            return provider.get().delete(request, current, context);
        }
    }
}
