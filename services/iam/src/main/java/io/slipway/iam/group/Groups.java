package io.slipway.iam.group;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Retry;
import io.slipway.iam.IamArns;
import io.slipway.iam.IamIds;
import io.slipway.iam.Paging;
import io.slipway.iam.principal.Principal;
import io.slipway.iam.principal.PrincipalKind;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.store.EntityRef;
import io.slipway.iam.store.IamStore;
import io.slipway.model.iam.Group;

import java.util.Optional;

import static io.slipway.iam.store.IamStore.ATTACHED_POLICY;
import static io.slipway.iam.store.IamStore.GROUP;
import static io.slipway.iam.store.IamStore.GROUP_MEMBER;
import static io.slipway.iam.store.IamStore.INLINE_POLICY;
import static io.slipway.iam.store.IamStore.USER_GROUP;
import static io.slipway.model.iam.IamErrors.ENTITY_ALREADY_EXISTS;
import static io.slipway.model.iam.IamErrors.LIMIT_EXCEEDED;
import static io.slipway.model.iam.IamErrors.NO_SUCH_ENTITY;

/**
 * IAM groups and their members. A membership is stored under the group (GetGroup's users) and
 * under the user (ListGroupsForUser, and the ten-groups quota), in one transaction that holds
 * both entities' locks, the group's first, as every writer takes them.
 */
public final class Groups {
    /** Groups per account (AWS's quota). */
    public static final IamStore.AccountQuota QUOTA = new IamStore.AccountQuota("GroupsPerAccount", 300);
    /** Groups a user may be in (AWS's quota). */
    public static final int MAX_GROUPS_PER_USER = 10;
    private final IamStore store;
    private final Principals principals;
    private final SlipwayClock clock;
    private final IamIds ids;

    public Groups(IamStore store, Principals principals, SlipwayClock clock, IamIds ids) {
        this.store = store;
        this.principals = principals;
        this.clock = clock;
        this.ids = ids;
    }

    public Group create(Namespace ns, String name, String path) {
        String p = path == null ? "/" : path;
        Group group = new Group(p, name, ids.uniqueId(IamIds.GROUP), IamArns.group(ns.account(), p, name), clock.now());
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            store.insertNamed(tx, GROUP, ns, name, group, QUOTA,
                    () -> ENTITY_ALREADY_EXISTS.exception("Group with name " + name + " already exists."));
            return group;
        }));
    }

    public Group get(Namespace ns, String name) {
        return store.get(GROUP, ns, Principals.key(name)).orElseThrow(() -> Principals.notFound(PrincipalKind.GROUP, name));
    }

    public Optional<Group> find(Namespace ns, String name) {
        return store.get(GROUP, ns, Principals.key(name));
    }

    /** A page of the group's members (names, ids and paths; the caller reads the users). */
    public Paging.Page<EntityRef> members(Namespace ns, Group group, Paging paging) {
        return store.page(GROUP_MEMBER, ns, Optional.of(group.groupId()), paging, m -> true);
    }

    public Paging.Page<Group> list(Namespace ns, String pathPrefix, Paging paging) {
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        return store.page(GROUP, ns, Optional.empty(), paging, g -> g.path().startsWith(prefix));
    }

    /** The groups a user is in, as references (the caller reads the groups). */
    public Paging.Page<EntityRef> ofUser(Namespace ns, String userName, Paging paging) {
        Principal user = principals.get(ns, PrincipalKind.USER, userName);
        return store.page(USER_GROUP, ns, Optional.of(user.id()), paging, g -> true);
    }

    public void delete(Namespace ns, String name) {
        store.inTransaction(tx -> {
            Principal group = principals.lock(tx, ns, PrincipalKind.GROUP, name);
            store.requireNone(tx, ns, group.id(),
                    new IamStore.Dependent(GROUP_MEMBER, "Cannot delete entity, must remove users from group first."),
                    new IamStore.Dependent(INLINE_POLICY, Principals.INLINE_POLICIES_LEFT),
                    new IamStore.Dependent(ATTACHED_POLICY, Principals.ATTACHED_POLICIES_LEFT));
            store.delete(tx, GROUP, ns, Principals.key(name));
            return null;
        });
    }

    /** Adds a member; adding one who is a member already changes nothing. */
    public void addUser(Namespace ns, String groupName, String userName) {
        Retry.onConflict(() -> store.inTransaction(tx -> {
            Principal group = principals.lock(tx, ns, PrincipalKind.GROUP, groupName);
            Principal user = principals.lock(tx, ns, PrincipalKind.USER, userName);
            if (store.get(tx, GROUP_MEMBER, ns, membership(group, user)).isPresent()) {
                return null;
            }
            if (!store.belowQuota(tx, USER_GROUP, ns, Optional.of(user.id()), MAX_GROUPS_PER_USER)) {
                throw LIMIT_EXCEEDED.exception("Cannot exceed quota for GroupsPerUser: " + MAX_GROUPS_PER_USER);
            }
            store.insert(tx, GROUP_MEMBER, ns, membership(group, user), Optional.of(group.id()), user.ref());
            store.insert(tx, USER_GROUP, ns, user.id() + "|" + group.id(), Optional.of(user.id()), group.ref());
            return null;
        }));
    }

    public void removeUser(Namespace ns, String groupName, String userName) {
        store.inTransaction(tx -> {
            Principal group = principals.lock(tx, ns, PrincipalKind.GROUP, groupName);
            Principal user = principals.lock(tx, ns, PrincipalKind.USER, userName);
            if (!store.delete(tx, GROUP_MEMBER, ns, membership(group, user))) {
                throw NO_SUCH_ENTITY.exception("User " + user.name() + " is not in group " + group.name() + ".");
            }
            store.delete(tx, USER_GROUP, ns, user.id() + "|" + group.id());
            return null;
        });
    }

    private static String membership(Principal group, Principal user) {
        return group.id() + "|" + user.id();
    }
}
