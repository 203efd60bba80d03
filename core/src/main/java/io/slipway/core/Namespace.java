package io.slipway.core;

import io.slipway.model.runtime.RequestContext;

/** The (account, region) every resource lives in, as in AWS. */
public record Namespace(String account, String region) {

    public static Namespace of(RequestContext context) {
        return new Namespace(context.accountId(), context.region());
    }
}
