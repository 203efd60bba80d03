package io.slipway.engine.store;

/**
 * A document the store refuses to keep because it could not be read back: longer than
 * {@link ResourceStore#MAX_DOCUMENT_LENGTH}, or nested deeper than the JSON reader accepts. Nothing
 * is written; the message names the resource and says why, in words a service may show its caller.
 */
public final class DocumentTooLargeException extends StoreException {
    private final ResourceKey key;

    public DocumentTooLargeException(ResourceKey key, String why) {
        super("The " + key.kind() + " " + key.id() + " cannot be stored: " + why);
        this.key = key;
    }

    public ResourceKey key() {
        return key;
    }
}
