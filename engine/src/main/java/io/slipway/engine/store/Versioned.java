package io.slipway.engine.store;

import java.util.Optional;

/** A stored value with the version an optimistic update must name, and the parent it is stored under. */
public record Versioned<T>(T value, long version, Optional<String> parent) {

    public Versioned(T value, long version) {
        this(value, version, Optional.empty());
    }
}
