package io.slipway.core.identity;

import java.util.Map;

/**
 * Maps an access key id to the account whose resources it sees, the way users of other AWS
 * emulators expect: a key that is itself 12 digits is that account; a key the operator configured
 * maps to its account; anything else, and unsigned requests, use the default account.
 */
public final class AccountResolver {
    public static final String DEFAULT_ACCOUNT = "000000000000";
    private final Map<String, String> configured;

    public AccountResolver(Map<String, String> configured) {
        this.configured = Map.copyOf(configured);
    }

    public String accountFor(String accessKeyId) {
        if (accessKeyId == null) {
            return DEFAULT_ACCOUNT;
        }
        String account = configured.get(accessKeyId);
        if (account != null) {
            return account;
        }
        return isAccountId(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT;
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
