package io.slipway.lambda.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a function's execution-role credentials come from: the app connects it to STS, which mints
 * session credentials for the role (the function acts as
 * {@code arn:aws:sts::<account>:assumed-role/<role>/<function>}). Asked once per execution
 * environment, at its cold start.
 */
@FunctionalInterface
public interface ExecutionRoleCredentials {

    /** Session credentials, as Lambda puts them in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. */
    record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    }

    /**
     * Credentials for {@code roleArn}, the execution role of {@code functionName} in {@code account}.
     *
     * @throws RuntimeException with the reason when they cannot be minted (the role does not exist,
     *                          or belongs to another account); the function then gets its account's
     */
    Credentials mint(String account, String roleArn, String functionName);

    /**
     * Why Lambda would refuse {@code roleArn} as the execution role of a function of {@code account}
     * (AWS refuses a role it cannot assume), or empty to accept it. By default every role is
     * accepted and a role that cannot be minted leaves the function its account's credentials;
     * verification mode, where those sign nothing, checks.
     */
    default Optional<String> refusal(String account, String roleArn) {
        return Optional.empty();
    }

    /** No minting: functions get their account's credentials. */
    static ExecutionRoleCredentials none() {
        return (account, roleArn, functionName) -> {
            throw new UnsupportedOperationException("no execution-role credentials are minted here");
        };
    }
}
