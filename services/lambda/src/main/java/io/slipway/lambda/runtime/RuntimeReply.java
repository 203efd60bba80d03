package io.slipway.lambda.runtime;

/** What a runtime process told its Runtime API, or that it is gone. */
sealed interface RuntimeReply {

    /** The runtime asked for its first event: init is over. */
    record Ready() implements RuntimeReply {
    }

    record Response(byte[] body) implements RuntimeReply {
    }

    /** An invocation error or an init error, with the runtime's error document. */
    record Error(byte[] body) implements RuntimeReply {
    }

    /** The process ended; {@code status} reads like Lambda's "exit status 1" or "signal: killed". */
    record Exited(String status) implements RuntimeReply {
    }
}
