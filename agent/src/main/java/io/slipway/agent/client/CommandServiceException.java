package io.slipway.agent.client;

/** An error answer of the command service (or of S3): HTTP status, AWS error type and message. */
public final class CommandServiceException extends Exception {
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

    /** Worth trying again: the server failed or asked the agent to slow down. */
    public boolean retryable() {
        return status >= 500 || status == 429 || type.contains("Throttl");
    }
}
