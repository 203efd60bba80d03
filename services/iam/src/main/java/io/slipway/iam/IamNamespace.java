package io.slipway.iam;

import io.slipway.core.Namespace;
import io.slipway.iam.store.IamStore;
import io.slipway.model.runtime.RequestContext;

/** IAM is global: a request acts in its account's one IAM namespace, whatever region it is signed for. */
public final class IamNamespace {
    private IamNamespace() {
    }

    public static Namespace of(RequestContext context) {
        return IamStore.namespace(context.accountId());
    }
}
