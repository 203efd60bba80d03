package io.slipway.core.identity;

import java.time.Instant;
import java.util.Optional;

/**
 * Access keys Slipway itself issued: IAM users' access keys ({@code AKIA…}) and STS session
 * credentials ({@code ASIA…}). A request signed with one acts in the account, and as the principal,
 * that owns it. Core asks; the identity services answer (core imports no service). The secret is
 * kept so that signatures can be verified once Slipway verifies them.
 */
@FunctionalInterface
public interface IssuedKeys {
    IssuedKeys NONE = accessKeyId -> Optional.empty();

    /** The key, if Slipway issued it and it is still in force (not deleted, not expired). */
    Optional<IssuedKey> find(String accessKeyId);

    /**
     * @param account         the account the key acts in
     * @param principalArn    the caller as GetCallerIdentity shows it: a user's ARN, or an assumed
     *                        role session's {@code arn:aws:sts::<acct>:assumed-role/<role>/<session>}
     * @param userId          GetCallerIdentity's UserId: {@code AIDA…} for a user, {@code AROA…:<session>} for a session
     * @param secretAccessKey the secret the key signs with
     * @param sessionToken    present for session credentials
     * @param expiration      present for session credentials
     */
    record IssuedKey(String accessKeyId, String account, String principalArn, String userId, String secretAccessKey,
                     Optional<String> sessionToken, Optional<Instant> expiration) {
    }
}
