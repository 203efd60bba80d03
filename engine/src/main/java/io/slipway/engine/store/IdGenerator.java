package io.slipway.engine.store;

import java.util.UUID;

/** Ids are injected so tests can make them predictable. */
@FunctionalInterface
public interface IdGenerator {

    String newId();

    static IdGenerator uuid() {
        return () -> UUID.randomUUID().toString();
    }
}
