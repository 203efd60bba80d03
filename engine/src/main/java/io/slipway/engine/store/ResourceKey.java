package io.slipway.engine.store;

import java.util.Objects;

/** Where a resource lives, exactly as in AWS: an account and region namespace, a kind, an id. */
public record ResourceKey(String account, String region, String kind, String id) {

    public ResourceKey {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("resource id must not be empty"); // '' is the first page's lower bound
        }
    }
}
