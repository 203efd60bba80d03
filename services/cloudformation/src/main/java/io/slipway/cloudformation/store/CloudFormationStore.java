package io.slipway.cloudformation.store;

import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;

/**
 * CloudFormation's documents in the shared store (`cloudformation.*`). Each part of the service
 * declares its document kinds next to the code that owns them.
 */
public final class CloudFormationStore extends DocumentStore {

    public CloudFormationStore(Jdbc jdbc, ResourceStore resources) {
        super(jdbc, resources);
    }
}
