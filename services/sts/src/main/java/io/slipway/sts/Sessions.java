package io.slipway.sts;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DocumentStore;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session credentials STS issued, by access key id. They are written before they are handed
 * out, so a key a client holds is always known, also after a restart and on every node. Lookups
 * run for every request signed with a session key, so sessions read once are kept in memory (they
 * never change); an expired session is still found, since the account a request acts in must not
 * change when its credentials expire: refusing expired credentials belongs to signature verification.
 */
final class Sessions {
    /** Issued keys belong to no account's namespace; an account can name nothing here. */
    private static final Namespace ISSUED = new Namespace("aws", "sts");
    private static final int CACHED = 10_000;

    private final DocumentStore store;
    private final SlipwayClock clock;
    private final SecretMaker secrets;
    private final Map<String, Session> cache = new ConcurrentHashMap<>();

    Sessions(DocumentStore store, SlipwayClock clock, SecretMaker secrets) {
        this.store = store;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** New credentials for {@code principalArn} of {@code account}, valid for {@code duration}. */
    Session issue(String kind, String account, String principalArn, String userId, Duration duration) {
        var now = clock.now();
        Session session = new Session(secrets.accessKeyId(), secrets.secretAccessKey(), secrets.sessionToken(), kind,
                account, principalArn, userId, now.plus(duration), now);
        store.inTransaction(tx -> {
            store.insert(tx, Session.TYPE, ISSUED, session.accessKeyId(), Optional.empty(), session);
            return null;
        });
        return session;
    }

    Optional<Session> find(String accessKeyId) {
        if (accessKeyId == null || !accessKeyId.startsWith("ASIA")) {
            return Optional.empty();
        }
        Session cached = cache.get(accessKeyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Session> stored = store.get(Session.TYPE, ISSUED, accessKeyId);
        stored.ifPresent(s -> {
            if (cache.size() >= CACHED) {
                cache.clear(); // a bound, not a policy: the store answers what the cache forgot
            }
            cache.put(accessKeyId, s);
        });
        return stored;
    }
}
