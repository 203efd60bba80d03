package io.slipway.sts;

import io.slipway.core.identity.IssuedKeys;
import io.slipway.iam.IamDirectory;
import io.slipway.model.runtime.RequestContext;

import java.util.Optional;

/**
 * Who made a request, in GetCallerIdentity's terms: an STS session's principal, an IAM user whose
 * key signed it, or else the account itself (the root-like credentials every emulated account has:
 * a 12-digit key, a key the operator mapped, an unsigned request).
 *
 * @param session the session whose credentials signed the request, when they were STS's
 */
record Caller(String account, String arn, String userId, Optional<Session> session) {

    static Caller of(RequestContext context, Sessions sessions, IamDirectory iam) {
        String key = context.accessKeyId();
        Optional<Session> session = sessions.find(key);
        if (session.isPresent()) {
            Session s = session.get();
            return new Caller(s.account(), s.principalArn(), s.userId(), session);
        }
        Optional<IssuedKeys.IssuedKey> user = key.isEmpty() ? Optional.empty() : iam.accessKey(key);
        if (user.isPresent()) {
            return new Caller(user.get().account(), user.get().principalArn(), user.get().userId(), Optional.empty());
        }
        return root(context.accountId());
    }

    static Caller root(String account) {
        return new Caller(account, "arn:aws:iam::" + account + ":root", account, Optional.empty());
    }

    boolean isAssumedRole() {
        return session.map(Session::isAssumedRole).orElse(false);
    }

    boolean isSession() {
        return session.isPresent();
    }
}
