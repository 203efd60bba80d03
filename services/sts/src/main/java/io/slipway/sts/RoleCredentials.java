package io.slipway.sts;

import java.time.Instant;
import java.util.Optional;

/**
 * What other services may ask of STS (its published interface): session credentials for a role, as
 * a service acting for it gets them (Lambda for a function's execution role). The role must exist
 * in IAM of the account its ARN names; the session acts in that account as
 * {@code arn:aws:sts::<account>:assumed-role/<role>/<sessionName>}.
 */
public interface RoleCredentials {

    /** Temporary credentials STS issued and keeps. */
    record Issued(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    }

    /**
     * New credentials for {@code roleArn}, valid for the role's MaxSessionDuration.
     *
     * @throws IllegalArgumentException when the role does not exist or the ARN or session name is not valid
     */
    Issued assume(String roleArn, String sessionName);

    /** Why {@code roleArn} could not be assumed (not a role ARN, no such role in IAM), or empty when it could; mints nothing. */
    Optional<String> unassumable(String roleArn);
}
