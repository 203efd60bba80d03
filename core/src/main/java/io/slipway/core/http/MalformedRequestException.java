package io.slipway.core.http;

import java.io.IOException;

/**
 * A request the transport cannot take. An {@link IOException}, so that it reaches a handler
 * reading a streamed body the way any broken connection does; the transport answers it itself.
 */
public final class MalformedRequestException extends IOException {
    private final HttpProblem problem;
    private final transient HttpRequest head;

    /** @param head what arrived of the request, enough to route the answer; null when nothing usable did */
    MalformedRequestException(HttpProblem problem, String message, HttpRequest head) {
        super(message, null);
        this.problem = problem;
        this.head = head;
    }

    MalformedRequestException(HttpProblem problem, String message) {
        this(problem, message, null);
    }

    public HttpProblem problem() {
        return problem;
    }

    /** What arrived of the request, or null when not even its request line was usable. */
    HttpRequest head() {
        return head;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an answer to the client, not a bug: no stack trace to pay for
    }
}
