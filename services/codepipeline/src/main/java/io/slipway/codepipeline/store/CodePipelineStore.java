package io.slipway.codepipeline.store;

import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;

/**
 * CodePipeline's resources in the shared store. Each part of the service declares its document
 * kinds (`codepipeline.*`) next to the code that owns them; this is the one store they share.
 */
public final class CodePipelineStore extends DocumentStore {

    public CodePipelineStore(Jdbc jdbc, ResourceStore resources) {
        super(jdbc, resources);
    }
}
