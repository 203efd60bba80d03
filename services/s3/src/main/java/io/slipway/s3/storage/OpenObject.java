package io.slipway.s3.storage;

import io.slipway.engine.blob.OpenBlob;

/**
 * An object version together with its body, opened; close it when done. On the embedded store the
 * open body stays readable even if the version is overwritten or deleted meanwhile; in a shared
 * database a body of more than one chunk deleted while it is read ends the read with an error
 * (the client sees a short response and retries), never with another body's bytes.
 */
public record OpenObject(ObjectInfo info, OpenBlob body) implements AutoCloseable {
    @Override
    public void close() {
        body.close();
    }
}
