package io.slipway.agent.client;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials that sign the agent's requests: an IAM user's access key pair, or an STS
 * session's with its token (an instance registered with an IAM session ARN).
 */
public record Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    public Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
    }

    public Credentials(String accessKeyId, String secretAccessKey) {
        this(accessKeyId, secretAccessKey, Optional.empty());
    }

    /**
     * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}, or
     * {@code test}/{@code test}: Slipway does not verify signatures by default, but it reads the
     * account from the key. In verification mode they must be keys Slipway issued or knows.
     */
    public static Credentials fromEnvironment(Map<String, String> env) {
        return new Credentials(env.getOrDefault("AWS_ACCESS_KEY_ID", "test"), env.getOrDefault("AWS_SECRET_ACCESS_KEY", "test"),
                Optional.ofNullable(env.get("AWS_SESSION_TOKEN")).filter(t -> !t.isEmpty()));
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + (sessionToken.isPresent() ? ", with a session token]" : "]");
    }
}
