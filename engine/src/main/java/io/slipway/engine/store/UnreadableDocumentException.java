package io.slipway.engine.store;

/**
 * A stored document that no longer reads as its type (written by an older version, or damaged).
 * It carries the key and version, so that a service can still replace or delete what it cannot read.
 */
public final class UnreadableDocumentException extends StoreException {
    private final ResourceKey key;
    private final long version;

    public UnreadableDocumentException(ResourceKey key, long version, RuntimeException cause) {
        super("The stored " + key.kind() + " " + key.id() + " cannot be read", cause);
        this.key = key;
        this.version = version;
    }

    public ResourceKey key() {
        return key;
    }

    public long version() {
        return version;
    }
}
