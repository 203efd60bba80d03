package io.slipway.agent.spec;

/** A deployment specification or AppSpec file the agent cannot act on; the message says why. */
public final class SpecificationException extends Exception {
    public SpecificationException(String message) {
        super(message);
    }
}
