package io.slipway.iam;

import io.slipway.core.identity.IssuedKeys;

import java.util.Optional;

/**
 * What other services may ask of IAM (its published interface): roles, for STS's AssumeRole, and
 * the access keys IAM issued, for the Router to know whose a signed request is. IAM is global:
 * one namespace per account.
 */
public interface IamDirectory {

    /** A role of {@code account} by name, if it exists. */
    Optional<Role> role(String account, String roleName);

    /** An active access key of an IAM user, as the Router and GetCallerIdentity see it. */
    Optional<IssuedKeys.IssuedKey> accessKey(String accessKeyId);

    /**
     * What AssumeRole needs of a role.
     *
     * @param roleId                    the role's unique id ({@code AROA…})
     * @param arn                       {@code arn:aws:iam::<account>:role/<path><name>}
     * @param maxSessionDurationSeconds 3,600 to 43,200
     * @param trustPolicy               the role's trust policy document (JSON)
     */
    record Role(String account, String roleName, String roleId, String arn, int maxSessionDurationSeconds,
                String trustPolicy) {
    }
}
