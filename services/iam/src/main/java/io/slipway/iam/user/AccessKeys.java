package io.slipway.iam.user;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.iam.IamIds;
import io.slipway.iam.Paging;
import io.slipway.iam.principal.Principal;
import io.slipway.iam.principal.PrincipalKind;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.store.IamStore;
import io.slipway.iam.store.KeyOwner;
import io.slipway.model.iam.AccessKey;
import io.slipway.model.iam.AccessKeyMetadata;
import io.slipway.model.iam.StatusType;
import io.slipway.model.runtime.AwsException;

import java.util.Optional;

import static io.slipway.iam.store.IamStore.ACCESS_KEY;
import static io.slipway.iam.store.IamStore.KEY_INDEX_NAMESPACE;
import static io.slipway.iam.store.IamStore.KEY_OWNER;
import static io.slipway.model.iam.IamErrors.INVALID_INPUT;
import static io.slipway.model.iam.IamErrors.LIMIT_EXCEEDED;
import static io.slipway.model.iam.IamErrors.NO_SUCH_ENTITY;

/**
 * IAM users' access keys. A key is stored under its user (what ListAccessKeys shows and what the
 * two-key quota counts) and in an index by key id (whose it is, for requests signed with it), both
 * in one transaction; the secret is shown once, by CreateAccessKey.
 */
public final class AccessKeys {
    /** Access keys per user (AWS's quota). */
    public static final int MAX_KEYS = 2;
    private final IamStore store;
    private final Principals principals;
    private final IssuedKeyCache cache;
    private final SlipwayClock clock;
    private final IamIds ids;

    public AccessKeys(IamStore store, Principals principals, IssuedKeyCache cache, SlipwayClock clock, IamIds ids) {
        this.store = store;
        this.principals = principals;
        this.cache = cache;
        this.clock = clock;
        this.ids = ids;
    }

    public AccessKey create(Namespace ns, String userName) {
        String id = ids.accessKeyId();
        String secret = ids.secretAccessKey();
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            Principal user = principals.lock(tx, ns, PrincipalKind.USER, userName);
            if (!store.belowQuota(tx, ACCESS_KEY, ns, Optional.of(user.id()), MAX_KEYS)) {
                throw LIMIT_EXCEEDED.exception("Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS);
            }
            AccessKey key = new AccessKey(user.name(), id, StatusType.ACTIVE, secret, clock.now());
            store.insert(tx, ACCESS_KEY, ns, id, Optional.of(user.id()), key);
            store.insert(tx, KEY_OWNER, KEY_INDEX_NAMESPACE, id, Optional.empty(),
                    new KeyOwner(ns.account(), user.name(), user.id(), user.arn(), secret, StatusType.ACTIVE.value()));
            tx.afterCommit(() -> cache.invalidate(id));
            return key;
        }));
    }

    public Paging.Page<AccessKeyMetadata> list(Namespace ns, String userName, Paging paging) {
        Principal user = principals.get(ns, PrincipalKind.USER, userName);
        return store.page(ACCESS_KEY, ns, Optional.of(user.id()), paging, k -> true)
                .map(k -> new AccessKeyMetadata(k.userName(), k.accessKeyId(), k.status(), k.createDate()));
    }

    public void update(Namespace ns, String userName, String accessKeyId, StatusType status) {
        if (status != StatusType.ACTIVE && status != StatusType.INACTIVE) {
            // our wording: the model's enum has Expired, which no client may set
            throw INVALID_INPUT.exception("Status must be Active or Inactive.");
        }
        store.inTransaction(tx -> {
            Versioned<AccessKey> key = ownKey(tx, ns, userName, accessKeyId);
            store.replace(tx, ACCESS_KEY, ns, accessKeyId, key,
                    new AccessKey(key.value().userName(), accessKeyId, status, key.value().secretAccessKey(),
                            key.value().createDate()));
            Versioned<KeyOwner> owner = store.get(tx, KEY_OWNER, KEY_INDEX_NAMESPACE, accessKeyId).orElseThrow();
            store.replace(tx, KEY_OWNER, KEY_INDEX_NAMESPACE, accessKeyId, owner, owner.value().withStatus(status.value()));
            tx.afterCommit(() -> cache.invalidate(accessKeyId));
            return null;
        });
    }

    public void delete(Namespace ns, String userName, String accessKeyId) {
        store.inTransaction(tx -> {
            ownKey(tx, ns, userName, accessKeyId);
            store.delete(tx, ACCESS_KEY, ns, accessKeyId);
            store.delete(tx, KEY_OWNER, KEY_INDEX_NAMESPACE, accessKeyId);
            tx.afterCommit(() -> cache.invalidate(accessKeyId));
            return null;
        });
    }

    /** The user a key of the account belongs to (GetAccessKeyLastUsed); another account's key is not found. */
    public String owner(Namespace ns, String accessKeyId) {
        return store.get(ACCESS_KEY, ns, accessKeyId).map(AccessKey::userName).orElseThrow(() -> notFound(accessKeyId));
    }

    /** The key, if it is the named user's, with the user locked. */
    private Versioned<AccessKey> ownKey(Tx tx, Namespace ns, String userName, String accessKeyId) {
        Principal user = principals.lock(tx, ns, PrincipalKind.USER, userName);
        return store.get(tx, ACCESS_KEY, ns, accessKeyId).filter(k -> k.parent().equals(Optional.of(user.id())))
                .orElseThrow(() -> notFound(accessKeyId));
    }

    private static AwsException notFound(String accessKeyId) {
        return NO_SUCH_ENTITY.exception("The Access Key with id " + accessKeyId + " cannot be found");
    }
}
