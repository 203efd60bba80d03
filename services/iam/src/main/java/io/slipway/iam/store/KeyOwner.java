package io.slipway.iam.store;

import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whose an issued access key is, found by the key's id alone: the account it acts in and the user
 * it acts as, with its secret and status, as the Router and STS ask for them.
 */
public record KeyOwner(String account, String userName, String userId, String userArn, String secretAccessKey,
                       String status) implements AwsStructure {
    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    static final Shape SHAPE = new Shape("KeyOwner", ShapeType.STRUCTURE)
            .member(Member.of("Account", STRING)).member(Member.of("UserName", STRING))
            .member(Member.of("UserId", STRING)).member(Member.of("UserArn", STRING))
            .member(Member.of("SecretAccessKey", STRING)).member(Member.of("Status", STRING));

    static KeyOwner fromDocument(Map<String, Object> d) {
        return new KeyOwner((String) d.get("Account"), (String) d.get("UserName"), (String) d.get("UserId"),
                (String) d.get("UserArn"), (String) d.get("SecretAccessKey"), (String) d.get("Status"));
    }

    public KeyOwner withStatus(String next) {
        return new KeyOwner(account, userName, userId, userArn, secretAccessKey, next);
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>(8);
        Documents.put(d, "Account", account);
        Documents.put(d, "UserName", userName);
        Documents.put(d, "UserId", userId);
        Documents.put(d, "UserArn", userArn);
        Documents.put(d, "SecretAccessKey", secretAccessKey);
        Documents.put(d, "Status", status);
        return d;
    }
}
