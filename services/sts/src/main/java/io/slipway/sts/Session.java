package io.slipway.sts;

import io.slipway.core.codec.DocumentType;
import io.slipway.core.identity.IssuedKeys;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Temporary credentials STS issued, kept durably so that the key acts as its principal for as
 * long as it lives (and, once signatures are verified, so that its secret and expiry can be checked).
 *
 * @param kind         how it was made: {@code AssumeRole}, {@code AssumeRoleWithWebIdentity}, {@code GetSessionToken}, {@code GetFederationToken}
 * @param account      the account the credentials act in (the role's, for an assumed role)
 * @param principalArn the caller GetCallerIdentity shows for them
 * @param userId       GetCallerIdentity's UserId for them
 */
record Session(String accessKeyId, String secretAccessKey, String sessionToken, String kind, String account,
               String principalArn, String userId, Instant expiration, Instant issuedAt) implements AwsStructure {

    static final String ASSUMED_ROLE = "AssumeRole";

    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    private static final Shape TIME = new Shape("Timestamp", ShapeType.TIMESTAMP);
    static final DocumentType<Session> TYPE = new DocumentType<>("sts.session", new Shape("Session", ShapeType.STRUCTURE)
            .member(Member.of("accessKeyId", STRING)).member(Member.of("secretAccessKey", STRING))
            .member(Member.of("sessionToken", STRING)).member(Member.of("kind", STRING))
            .member(Member.of("account", STRING)).member(Member.of("principalArn", STRING))
            .member(Member.of("userId", STRING)).member(Member.of("expiration", TIME))
            .member(Member.of("issuedAt", TIME)), Session::fromDocument);

    /** Whether these credentials came from assuming a role (a role assumed with them is chaining). */
    boolean isAssumedRole() {
        return kind.startsWith(ASSUMED_ROLE);
    }

    IssuedKeys.IssuedKey issuedKey() {
        return new IssuedKeys.IssuedKey(accessKeyId, account, principalArn, userId, secretAccessKey,
                Optional.of(sessionToken), Optional.of(expiration));
    }

    static Session fromDocument(Map<String, Object> d) {
        return new Session((String) d.get("accessKeyId"), (String) d.get("secretAccessKey"), (String) d.get("sessionToken"),
                (String) d.get("kind"), (String) d.get("account"), (String) d.get("principalArn"), (String) d.get("userId"),
                (Instant) d.get("expiration"), (Instant) d.get("issuedAt"));
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>();
        Documents.put(d, "accessKeyId", accessKeyId);
        Documents.put(d, "secretAccessKey", secretAccessKey);
        Documents.put(d, "sessionToken", sessionToken);
        Documents.put(d, "kind", kind);
        Documents.put(d, "account", account);
        Documents.put(d, "principalArn", principalArn);
        Documents.put(d, "userId", userId);
        Documents.put(d, "expiration", expiration);
        Documents.put(d, "issuedAt", issuedAt);
        return d;
    }
}
