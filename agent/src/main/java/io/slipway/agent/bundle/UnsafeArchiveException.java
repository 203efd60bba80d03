package io.slipway.agent.bundle;

import java.io.IOException;

/** A bundle the agent refuses to unpack: an entry would land outside the archive directory. */
public final class UnsafeArchiveException extends IOException {
    public UnsafeArchiveException(String message) {
        super(message);
    }
}
