package io.slipway.engine.invoke;

import java.util.Objects;
import java.util.Optional;

/**
 * What the invoked code needs to call back: Slipway's endpoint, and the caller's region and account,
 * so the function's own SDK calls land in the namespace of the deployment or pipeline that invoked it.
 * {@code functionName} is the name or ARN the caller used; the function sees its bare name.
 *
 * @param accountKey the key a command signs with: an operator's key of the account, with its secret,
 *                   where Slipway verifies signatures; empty, the account id as key id (which is that
 *                   account while signatures are not verified)
 */
public record InvocationEnvironment(String functionName, String endpointUrl, String region, String accountId,
                                    Optional<AccountKey> accountKey) {

    /** An access key pair. */
    public record AccountKey(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "AccountKey[" + accessKeyId + "]";
        }
    }

    public InvocationEnvironment(String functionName, String endpointUrl, String region, String accountId) {
        this(functionName, endpointUrl, region, accountId, Optional.empty());
    }

    public InvocationEnvironment {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(endpointUrl, "endpointUrl");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(accountKey, "accountKey");
        if (!accountId.matches("\\d{12}")) {
            // Slipway maps a 12-digit access key id to that account; anything else would land elsewhere.
            throw new IllegalArgumentException("account id must be 12 digits, got " + accountId);
        }
    }

    /** The bare function name, as Lambda sets {@code AWS_LAMBDA_FUNCTION_NAME}. */
    String bareFunctionName() {
        return FunctionRef.parse(functionName).map(FunctionRef::name).orElseThrow(() ->
                new IllegalArgumentException("not a Lambda function name or ARN: " + functionName));
    }
}
