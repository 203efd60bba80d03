package io.slipway.s3.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An object version together with its body, opened. The open channel keeps the bytes readable
 * even if the version is overwritten or deleted meanwhile; close it when done.
 */
public record OpenObject(ObjectInfo info, FileChannel body) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        body.close();
    }
}
