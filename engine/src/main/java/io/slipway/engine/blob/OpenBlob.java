package io.slipway.engine.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A blob opened for reading; close it when done. */
public interface OpenBlob extends AutoCloseable {

    /** The bytes from {@code offset} to the end. */
    InputStream stream(long offset) throws IOException;

    /** Writes {@code length} bytes from {@code offset} to {@code out}; fewer is an IOException. */
    void transferTo(long offset, long length, OutputStream out) throws IOException;

    @Override
    void close();
}
