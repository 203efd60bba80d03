package io.slipway.iam.user;

import io.slipway.core.identity.IssuedKeys;
import io.slipway.model.runtime.AwsErrors;
import io.slipway.model.runtime.RequestContext;

import java.util.Optional;

/**
 * Who signs a request, as IAM's operations that default to the caller see it (GetUser and the
 * access key operations without a UserName): one of the account's users, when the request is
 * signed with an access key IAM issued to that user, else the account's root.
 */
public final class Callers {
    private final IssuedKeyCache keys;

    public Callers(IssuedKeyCache keys) {
        this.keys = keys;
    }

    /** The calling user's name, or empty for the account's root (any key IAM did not issue to a user). */
    public Optional<String> user(RequestContext context) {
        return keys.find(context.accessKeyId()).filter(k -> k.account().equals(context.accountId()))
                .map(IssuedKeys.IssuedKey::principalArn).map(arn -> arn.substring(arn.lastIndexOf('/') + 1));
    }

    /** The named user, or the calling user when none is named; session credentials must name one, as in IAM. */
    public String userOrCaller(String userName, RequestContext context) {
        if (userName != null) {
            return userName;
        }
        return user(context).orElseThrow(() -> AwsErrors.VALIDATION_ERROR.exception(
                "Must specify userName when calling with non-User credentials"));
    }
}
