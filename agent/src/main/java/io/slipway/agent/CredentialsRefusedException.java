package io.slipway.agent;

/**
 * The command service refused the agent's credentials, so a single poll ({@link HostAgent#pollOnce()})
 * cannot go on; an agent polling on its own keeps trying instead, slowly.
 */
public final class CredentialsRefusedException extends RuntimeException {
    public CredentialsRefusedException(String message) {
        super(message);
    }
}
