package io.slipway.engine.store;

import java.time.Instant;
import java.util.Optional;

/** A resource as stored: its JSON document and the version to pass back for an optimistic update. */
public record StoredResource(ResourceKey key, Optional<String> parent, String doc, long version,
                             Instant createdAt, Instant updatedAt) {
}
