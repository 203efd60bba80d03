package io.slipway.core.identity;

import java.util.Map;
import java.util.Optional;

/**
 * Maps an access key id to the account whose resources it sees, the way users of other AWS
 * emulators expect: a key the operator configured maps to its account; a key Slipway issued (an IAM
 * user's, an STS session's) to its owner's; a key that is itself 12 digits is that account; anything
 * else, and unsigned requests, use the default account.
 */
public final class AccountResolver {
    public static final String DEFAULT_ACCOUNT = "000000000000";
    private final Map<String, String> configured;
    private final Map<String, String> secrets;
    private final IssuedKeys issued;

    public AccountResolver(Map<String, String> configured) {
        this(configured, Map.of(), IssuedKeys.NONE);
    }

    public AccountResolver(Map<String, String> configured, IssuedKeys issued) {
        this(configured, Map.of(), issued);
    }

    /** @param secrets the secrets of operator keys that have one (key id to secret), for verification mode */
    public AccountResolver(Map<String, String> configured, Map<String, String> secrets, IssuedKeys issued) {
        this.configured = Map.copyOf(configured);
        this.secrets = Map.copyOf(secrets);
        this.issued = issued;
    }

    /**
     * The key a request may be signed with: an operator's key given with its secret (acting as its
     * account's root), else a key Slipway issued and still honours. A key known only by its
     * account, or a 12-digit key id, has no secret and signs nothing.
     */
    public Optional<IssuedKeys.IssuedKey> signingKey(String accessKeyId) {
        String secret = secrets.get(accessKeyId);
        if (secret != null) {
            String account = configured.get(accessKeyId);
            return Optional.of(new IssuedKeys.IssuedKey(accessKeyId, account, "arn:aws:iam::" + account + ":root", account,
                    secret, Optional.empty(), Optional.empty()));
        }
        return issued.find(accessKeyId);
    }

    public String accountFor(String accessKeyId) {
        if (accessKeyId == null) {
            return DEFAULT_ACCOUNT;
        }
        String account = configured.get(accessKeyId);
        if (account != null) {
            return account;
        }
        if (isAccountId(accessKeyId)) {
            return accessKeyId;
        }
        return issued.find(accessKeyId).map(IssuedKeys.IssuedKey::account).orElse(DEFAULT_ACCOUNT);
    }

    public static boolean isAccountId(String s) {
        if (s.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
