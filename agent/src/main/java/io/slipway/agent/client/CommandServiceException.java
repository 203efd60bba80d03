package io.slipway.agent.client;

import java.util.Set;

/** An error answer of the command service (or of S3): HTTP status, AWS error type and message. */
public final class CommandServiceException extends Exception {
    /**
     * The awsJson errors that refuse the caller rather than the call: a key the service does not
     * know, a wrong secret, an expired session, a principal not allowed to act for the host.
     */
    private static final Set<String> REFUSED_CALLER = Set.of("UnrecognizedClientException", "InvalidSignatureException",
            "IncompleteSignatureException", "MissingAuthenticationTokenException", "ExpiredTokenException",
            "AccessDeniedException");
    private final int status;
    private final String type;

    public CommandServiceException(int status, String type, String message) {
        super(type + " (HTTP " + status + "): " + message);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /**
     * The service refused the agent's credentials: trying again at once cannot help, only other
     * keys (or an operator's change on the server's side) can.
     */
    public boolean credentialsRefused() {
        return REFUSED_CALLER.contains(type);
    }

    /** Worth trying again: the server failed or asked the agent to slow down. */
    public boolean retryable() {
        return status >= 500 || status == 429 || type.contains("Throttl");
    }
}
