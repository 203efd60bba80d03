package io.slipway.agent.client;

import java.util.Map;
import java.util.Objects;

/** The access key pair that signs the agent's requests. */
public record Credentials(String accessKeyId, String secretAccessKey) {
    public Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /**
     * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, or {@code test}/{@code test}: Slipway
     * does not verify signatures by default, but it reads the account from the key.
     */
    public static Credentials fromEnvironment(Map<String, String> env) {
        return new Credentials(env.getOrDefault("AWS_ACCESS_KEY_ID", "test"),
                env.getOrDefault("AWS_SECRET_ACCESS_KEY", "test"));
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + "]";
    }
}
