package io.slipway.core.identity;

import java.util.Map;

/**
 * Maps an access key id to the account whose resources it sees, the way users of other AWS
 * emulators expect: a key the operator configured maps to its account; a key Slipway issued (an IAM
 * user's, an STS session's) to its owner's; a key that is itself 12 digits is that account; anything
 * else, and unsigned requests, use the default account.
 */
public final class AccountResolver {
    public static final String DEFAULT_ACCOUNT = "000000000000";
    private final Map<String, String> configured;
    private final IssuedKeys issued;

    public AccountResolver(Map<String, String> configured) {
        this(configured, IssuedKeys.NONE);
    }

    public AccountResolver(Map<String, String> configured, IssuedKeys issued) {
        this.configured = Map.copyOf(configured);
        this.issued = issued;
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
