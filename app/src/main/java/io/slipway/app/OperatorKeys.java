package io.slipway.app;

import io.slipway.app.ServerOptions.UsageException;
import io.slipway.core.identity.AccountResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's access keys: {@code KEY=ACCOUNT} names the account a key acts in;
 * {@code KEY:SECRET=ACCOUNT} also gives the secret it signs with, which verification mode needs.
 * Entries come from {@code --account} (comma separated) and from an accounts file (one a line).
 *
 * @param accounts key id to account id
 * @param secrets  key id to secret, for the keys given with one
 */
record OperatorKeys(Map<String, String> accounts, Map<String, String> secrets) {

    static OperatorKeys parse(String list, Optional<String> file) throws UsageException {
        OperatorKeys keys = new OperatorKeys(new LinkedHashMap<>(), new LinkedHashMap<>());
        for (String entry : list.split(",")) {
            keys.add(entry, "--account");
        }
        if (file.isPresent()) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(file.get()));
            } catch (IOException | RuntimeException e) {
                throw new UsageException("--accounts-file cannot be read: " + file.get());
            }
            for (String line : lines) {
                int hash = line.indexOf('#');
                keys.add(hash < 0 ? line : line.substring(0, hash), "--accounts-file");
            }
        }
        return keys;
    }

    /** One entry; the last {@code =} splits it, since the account is digits and a secret may hold {@code =}. */
    private void add(String entry, String option) throws UsageException {
        if (entry.isBlank()) {
            return;
        }
        int eq = entry.lastIndexOf('=');
        String account = eq < 0 ? "" : entry.substring(eq + 1).trim();
        String key = eq < 0 ? "" : entry.substring(0, eq).trim();
        int colon = key.indexOf(':');
        String id = colon < 0 ? key : key.substring(0, colon);
        if (id.isEmpty() || !AccountResolver.isAccountId(account) || colon >= 0 && colon == key.length() - 1) {
            throw new UsageException(option + " takes ACCESS_KEY_ID=ACCOUNT_ID or ACCESS_KEY_ID:SECRET=ACCOUNT_ID with a "
                    + "12-digit account, not " + (colon < 0 ? entry.trim() : id + ":…=" + account));
        }
        accounts.put(id, account);
        if (colon >= 0) {
            secrets.put(id, key.substring(colon + 1));
        }
    }
}
