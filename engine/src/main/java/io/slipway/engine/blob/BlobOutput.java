package io.slipway.engine.blob;

import java.io.OutputStream;

/**
 * A blob being written. {@link #close()} makes it appear under its id, whole; {@link #abort()}
 * removes what was written (a failed or refused upload) and may be called after a failed close.
 */
public abstract class BlobOutput extends OutputStream {

    /** Discards everything written; harmless after close or a previous abort. Never throws. */
    public abstract void abort();
}
