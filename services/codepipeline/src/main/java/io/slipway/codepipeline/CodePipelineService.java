package io.slipway.codepipeline;

import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.model.codepipeline.CodePipelineDispatcher;

/** CodePipeline assembled: the API binding, with its engine's work registered on the workers. */
public record CodePipelineService(ServiceBinding binding) {

    public static CodePipelineService create(Jdbc jdbc, ResourceStore resources, WorkQueue queue, Workers workers,
                                             SlipwayClock clock, IdGenerator ids) {
        CodePipelineStore store = new CodePipelineStore(jdbc, resources);
        return new CodePipelineService(new ServiceBinding(new CodePipelineDispatcher(new CodePipelineApi())));
    }
}
