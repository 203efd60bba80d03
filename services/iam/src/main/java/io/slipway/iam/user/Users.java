package io.slipway.iam.user;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Versioned;
import io.slipway.iam.IamArns;
import io.slipway.iam.IamIds;
import io.slipway.iam.IamTags;
import io.slipway.iam.Paging;
import io.slipway.iam.policy.PermissionsBoundaries;
import io.slipway.iam.principal.Principal;
import io.slipway.iam.principal.PrincipalKind;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.store.IamStore;
import io.slipway.model.iam.Tag;
import io.slipway.model.iam.User;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.slipway.iam.store.IamStore.ACCESS_KEY;
import static io.slipway.iam.store.IamStore.ATTACHED_POLICY;
import static io.slipway.iam.store.IamStore.INLINE_POLICY;
import static io.slipway.iam.store.IamStore.USER;
import static io.slipway.iam.store.IamStore.USER_GROUP;
import static io.slipway.model.iam.IamErrors.ENTITY_ALREADY_EXISTS;

/** IAM users: named principals with a path, tags, an optional permissions boundary, keys and groups. */
public final class Users {
    /** Users per account (AWS's quota). */
    public static final IamStore.AccountQuota QUOTA = new IamStore.AccountQuota("UsersPerAccount", 5000);
    private final IamStore store;
    private final Principals principals;
    private final PermissionsBoundaries boundaries;
    private final SlipwayClock clock;
    private final IamIds ids;

    public Users(IamStore store, Principals principals, PermissionsBoundaries boundaries, SlipwayClock clock, IamIds ids) {
        this.store = store;
        this.principals = principals;
        this.boundaries = boundaries;
        this.clock = clock;
        this.ids = ids;
    }

    public User create(Namespace ns, String name, String path, String boundaryArn, List<Tag> tags) {
        List<Tag> requested = IamTags.merged(List.of(), IamTags.requested(tags));
        String p = path == null ? "/" : path;
        User user = User.builder().path(p).userName(name).userId(ids.uniqueId(IamIds.USER))
                .arn(IamArns.user(ns.account(), p, name)).createDate(clock.now()).tags(IamTags.stored(requested)).build();
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            User created = user;
            if (boundaryArn != null) {
                created = user.toBuilder().permissionsBoundary(
                        boundaries.set(tx, ns, Principal.of(user), Optional.empty(), boundaryArn)).build();
            }
            store.insertNamed(tx, USER, ns, name, created, QUOTA,
                    () -> ENTITY_ALREADY_EXISTS.exception("User with name " + name + " already exists."));
            return created;
        }));
    }

    public User get(Namespace ns, String name) {
        return store.get(USER, ns, Principals.key(name)).orElseThrow(() -> Principals.notFound(PrincipalKind.USER, name));
    }

    public Optional<User> find(Namespace ns, String name) {
        return store.get(USER, ns, Principals.key(name));
    }

    public Paging.Page<User> list(Namespace ns, String pathPrefix, Paging paging) {
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        return store.page(USER, ns, Optional.empty(), paging, u -> u.path().startsWith(prefix));
    }

    /** Deletes a user that holds nothing any more: IAM's DeleteConflict names what is left. */
    public void delete(Namespace ns, String name) {
        store.inTransaction(tx -> {
            Principal user = principals.lock(tx, ns, PrincipalKind.USER, name);
            store.requireNone(tx, ns, user.id(),
                    new IamStore.Dependent(ACCESS_KEY, "Cannot delete entity, must delete access keys first."),
                    new IamStore.Dependent(INLINE_POLICY, Principals.INLINE_POLICIES_LEFT),
                    new IamStore.Dependent(ATTACHED_POLICY, Principals.ATTACHED_POLICIES_LEFT),
                    new IamStore.Dependent(USER_GROUP, "Cannot delete entity, must remove users from group first."));
            User u = store.get(tx, USER, ns, Principals.key(name)).orElseThrow().value();
            if (u.permissionsBoundary() != null) {
                boundaries.clear(tx, ns, user, u.permissionsBoundary());
            }
            store.delete(tx, USER, ns, Principals.key(name));
            return null;
        });
    }

    public void tag(Namespace ns, String name, List<Tag> tags) {
        List<Tag> requested = IamTags.requested(tags);
        change(ns, name, u -> u.toBuilder().tags(IamTags.stored(IamTags.merged(IamTags.orEmpty(u.tags()), requested))).build());
    }

    public void untag(Namespace ns, String name, List<String> keys) {
        change(ns, name, u -> u.toBuilder().tags(IamTags.stored(IamTags.without(u.tags(), keys))).build());
    }

    public void putBoundary(Namespace ns, String name, String arn) {
        store.inTransaction(tx -> {
            Principal user = principals.lock(tx, ns, PrincipalKind.USER, name);
            Versioned<User> read = store.get(tx, USER, ns, Principals.key(name)).orElseThrow();
            User u = read.value();
            store.replace(tx, USER, ns, Principals.key(name), read, u.toBuilder().permissionsBoundary(
                    boundaries.set(tx, ns, user, Optional.ofNullable(u.permissionsBoundary()), arn)).build());
            return null;
        });
    }

    public void deleteBoundary(Namespace ns, String name) {
        store.inTransaction(tx -> {
            Principal user = principals.lock(tx, ns, PrincipalKind.USER, name);
            Versioned<User> read = store.get(tx, USER, ns, Principals.key(name)).orElseThrow();
            if (read.value().permissionsBoundary() != null) {
                boundaries.clear(tx, ns, user, read.value().permissionsBoundary());
                store.replace(tx, USER, ns, Principals.key(name), read,
                        read.value().toBuilder().permissionsBoundary(null).build());
            }
            return null;
        });
    }

    private void change(Namespace ns, String name, UnaryOperator<User> change) {
        store.inRetriedTransaction(tx -> {
            Versioned<User> read = store.get(tx, USER, ns, Principals.key(name))
                    .orElseThrow(() -> Principals.notFound(PrincipalKind.USER, name));
            store.replace(tx, USER, ns, Principals.key(name), read, change.apply(read.value()));
        });
    }
}
