package io.slipway.codedeploy.store;

/** A stored value with the version an optimistic update must name. */
public record Versioned<T>(T value, long version) {
}
