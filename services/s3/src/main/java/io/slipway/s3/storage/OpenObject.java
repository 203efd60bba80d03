package io.slipway.s3.storage;

import io.slipway.engine.blob.OpenBlob;

/**
 * An object version together with its body, opened; close it when done. The open body stays
 * readable even if the version is overwritten or deleted meanwhile (an open file channel, or rows
 * set aside until the blob sweeper's second look, one to two hours).
 */
public record OpenObject(ObjectInfo info, OpenBlob body) implements AutoCloseable {
    @Override
    public void close() {
        body.close();
    }
}
