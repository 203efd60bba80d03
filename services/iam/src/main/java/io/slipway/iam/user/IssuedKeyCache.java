package io.slipway.iam.user;

import io.slipway.core.identity.IssuedKeys;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.iam.store.IamStore;
import io.slipway.iam.store.KeyOwner;
import io.slipway.model.iam.StatusType;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access keys IAM issued, as the Router asks for them on every request signed with a key that
 * is not an account id. Answers, found or not, are kept in memory for {@link #TTL}: a key created,
 * deactivated or deleted on this node takes effect at once (its entry is dropped after the
 * commit); another node sharing the store sees the change when its entry expires.
 */
public final class IssuedKeyCache implements IssuedKeys {
    /** How long an answer is trusted: the delay with which other nodes see a key change. */
    public static final Duration TTL = Duration.ofSeconds(30);
    /** Entries kept at most; beyond, the cache starts afresh, so unknown keys cannot grow it without end. */
    static final int MAX_ENTRIES = 10_000;
    private static final int KEY_LENGTH = 20;

    private final IamStore store;
    private final SlipwayClock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Optional<IssuedKey> key, Instant expires) {
    }

    public IssuedKeyCache(IamStore store, SlipwayClock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<IssuedKey> find(String accessKeyId) {
        if (!issuedForm(accessKeyId)) {
            return Optional.empty();
        }
        Instant now = clock.now();
        Entry e = entries.get(accessKeyId);
        if (e != null && now.isBefore(e.expires())) {
            return e.key();
        }
        Optional<IssuedKey> key = load(accessKeyId);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(accessKeyId, new Entry(key, now.plus(TTL)));
        return key;
    }

    /** Drops what this node knows of a key, after a change to it has committed. */
    public void invalidate(String accessKeyId) {
        entries.remove(accessKeyId);
    }

    /** {@code AKIA} and 16 base-32 characters: the only form IAM issues, checked before any lookup. */
    static boolean issuedForm(String id) {
        if (id == null || id.length() != KEY_LENGTH || !id.startsWith("AKIA")) {
            return false;
        }
        for (int i = 4; i < KEY_LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '2' && c <= '7')) {
                return false;
            }
        }
        return true;
    }

    private Optional<IssuedKey> load(String accessKeyId) {
        return store.get(IamStore.KEY_OWNER, IamStore.KEY_INDEX_NAMESPACE, accessKeyId)
                .filter(o -> StatusType.ACTIVE.value().equals(o.status()))
                .map(o -> issued(accessKeyId, o));
    }

    private static IssuedKey issued(String accessKeyId, KeyOwner o) {
        return new IssuedKey(accessKeyId, o.account(), o.userArn(), o.userId(), o.secretAccessKey(), Optional.empty(),
                Optional.empty());
    }
}
