package io.slipway.it;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** {@link S3AccountsIT} against a Slipway that verifies every request's signature. */
@VerifiesSignatures
class S3AccountsVerifiedIT extends S3AccountsIT {

    /**
     * A job's artifact credentials are the pipeline's account id as the key, with a random secret
     * and token that no key store holds: a verifying Slipway refuses them (S3 InvalidToken, 400).
     */
    @Override
    @Test
    @Disabled("artifact credentials are not issued keys yet: job workers cannot sign in verification mode")
    void aJobWorkersArtifactCredentialsAreThePipelinesAccount() {
    }
}
