package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.template.SsmParameters;
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
        StackEngine engine = new StackEngine(store, queue, clock, events, providers, hooks, exports,
                (tx, ns, id, succeeded) -> changeSets[0].ended(tx, ns, id, succeeded), ssm);
        Stacks stacks = new Stacks(store, clock, ids, engine, events, bodies);
        changeSets[0] = new ChangeSets(store, queue, clock, ids, stacks, engine, hooks, events);
        engine.register(workers);
        changeSets[0].register(workers);
        return new StackApi(stacks, changeSets[0], exports, events, bodies, providers::isRecorded);
    }
}
