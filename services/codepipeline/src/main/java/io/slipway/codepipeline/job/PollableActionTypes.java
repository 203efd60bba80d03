package io.slipway.codepipeline.job;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.codepipeline.ActionTypeId;

import java.util.Optional;

/** What job polls need to know of action types; the action types part answers it. */
@FunctionalInterface
public interface PollableActionTypes {

    /**
     * Empty when no such action type exists in the namespace; otherwise the name of its queryable
     * configuration property, if it has one (PollForJobs' {@code queryParam} must then name it).
     */
    Optional<Optional<String>> queryableProperty(Tx tx, Namespace ns, ActionTypeId id);
}
