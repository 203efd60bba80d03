package io.slipway.lambda.runtime;

import java.util.concurrent.CompletableFuture;

/** An event handed to a runtime, and the reply it will get. */
record PendingInvocation(String requestId, byte[] event, long deadlineEpochMillis, String invokedFunctionArn,
                         String traceId, CompletableFuture<RuntimeReply> reply) {

    PendingInvocation(String requestId, byte[] event, long deadlineEpochMillis, String invokedFunctionArn, String traceId) {
        this(requestId, event, deadlineEpochMillis, invokedFunctionArn, traceId, new CompletableFuture<>());
    }
}
