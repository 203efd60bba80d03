package io.slipway.ssm.store;

import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.Retry;

import java.util.function.Supplier;

import static io.slipway.model.ssm.SsmErrors.TOO_MANY_UPDATES;

/**
 * SSM's resources in the shared store. Each part of the service declares its document kinds
 * ({@code ssm.*}) next to the code that owns them; this is the one store they share.
 */
public final class SsmStore extends DocumentStore {

    public SsmStore(Jdbc jdbc, ResourceStore resources) {
        super(jdbc, resources);
    }

    /**
     * Runs a change again while it loses races to other writers of the same resource; one that
     * keeps losing is AWS's TooManyUpdates, the answer SSM gives writers it cannot serve in turn.
     */
    public static <T> T retried(Supplier<T> change) {
        try {
            return Retry.onConflict(change);
        } catch (ConcurrentUpdateException e) {
            throw TOO_MANY_UPDATES.exception("There are concurrent updates for a resource that supports one update at a time.");
        }
    }
}
