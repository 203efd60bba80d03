package io.slipway.iam.role;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.iam.IamArns;
import io.slipway.iam.IamIds;
import io.slipway.iam.IamTags;
import io.slipway.iam.Paging;
import io.slipway.iam.policy.PermissionsBoundaries;
import io.slipway.iam.policy.PolicyGrammar;
import io.slipway.iam.policy.PolicyText;
import io.slipway.iam.principal.Principal;
import io.slipway.iam.principal.PrincipalKind;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.store.IamStore;
import io.slipway.model.iam.Role;
import io.slipway.model.iam.Tag;
import io.slipway.model.runtime.AwsException;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.slipway.iam.store.IamStore.ATTACHED_POLICY;
import static io.slipway.iam.store.IamStore.INLINE_POLICY;
import static io.slipway.iam.store.IamStore.ROLE;
import static io.slipway.iam.store.IamStore.ROLE_PROFILE;
import static io.slipway.model.iam.IamErrors.ENTITY_ALREADY_EXISTS;

/**
 * IAM roles: a trust policy saying who may assume the role, a description, a maximum session
 * duration (3,600 to 43,200 seconds, one hour by default), tags and a permissions boundary.
 * Service-linked roles are made and deleted only through their own operations.
 */
public final class Roles {
    /** Roles per account (AWS's quota). */
    public static final IamStore.AccountQuota QUOTA = new IamStore.AccountQuota("RolesPerAccount", 1000);
    public static final int DEFAULT_MAX_SESSION_DURATION = 3600;
    private final IamStore store;
    private final Principals principals;
    private final PermissionsBoundaries boundaries;
    private final SlipwayClock clock;
    private final IamIds ids;

    public Roles(IamStore store, Principals principals, PermissionsBoundaries boundaries, SlipwayClock clock, IamIds ids) {
        this.store = store;
        this.principals = principals;
        this.boundaries = boundaries;
        this.clock = clock;
        this.ids = ids;
    }

    /** What CreateRole is given. */
    public record NewRole(String name, String path, String trustPolicy, String description, Integer maxSessionDuration,
                          String permissionsBoundary, List<Tag> tags) {
    }

    public Role create(Namespace ns, NewRole r) {
        checkTrustPolicy(r.trustPolicy());
        List<Tag> tags = IamTags.merged(List.of(), IamTags.requested(r.tags()));
        String path = r.path() == null ? "/" : r.path();
        Role role = Role.builder().path(path).roleName(r.name()).roleId(ids.uniqueId(IamIds.ROLE))
                .arn(IamArns.role(ns.account(), path, r.name())).createDate(clock.now())
                .assumeRolePolicyDocument(r.trustPolicy()).description(r.description())
                .maxSessionDuration(r.maxSessionDuration() == null ? DEFAULT_MAX_SESSION_DURATION : r.maxSessionDuration())
                .tags(IamTags.stored(tags)).build();
        return insert(ns, role, r.permissionsBoundary());
    }

    /** Stores a new role (a service-linked role's too), with its boundary, under the account's quota. */
    Role insert(Namespace ns, Role role, String boundaryArn) {
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            Role created = role;
            if (boundaryArn != null) {
                created = role.toBuilder().permissionsBoundary(
                        boundaries.set(tx, ns, Principal.of(role), Optional.empty(), boundaryArn)).build();
            }
            store.insertNamed(tx, ROLE, ns, role.roleName(), created, QUOTA, () -> alreadyExists(role.roleName()));
            return created;
        }));
    }

    /** The role as stored, its trust policy as written. */
    public Role get(Namespace ns, String name) {
        return store.get(ROLE, ns, Principals.key(name)).orElseThrow(() -> Principals.notFound(PrincipalKind.ROLE, name));
    }

    public Optional<Role> find(Namespace ns, String name) {
        return store.get(ROLE, ns, Principals.key(name));
    }

    public Paging.Page<Role> list(Namespace ns, String pathPrefix, Paging paging) {
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        return store.page(ROLE, ns, Optional.empty(), paging, r -> r.path().startsWith(prefix));
    }

    public void delete(Namespace ns, String name) {
        store.inTransaction(tx -> {
            Principal role = principals.lockModifiable(tx, ns, PrincipalKind.ROLE, name);
            remove(tx, ns, role);
            return null;
        });
    }

    /** Deletes a role that holds nothing any more, its lock held: DeleteConflict names what is left. */
    void remove(Tx tx, Namespace ns, Principal role) {
        store.requireNone(tx, ns, role.id(),
                new IamStore.Dependent(ROLE_PROFILE, InstanceProfiles.ROLES_LEFT),
                new IamStore.Dependent(INLINE_POLICY, Principals.INLINE_POLICIES_LEFT),
                new IamStore.Dependent(ATTACHED_POLICY, Principals.ATTACHED_POLICIES_LEFT));
        Role r = store.get(tx, ROLE, ns, Principals.key(role.name())).orElseThrow().value();
        if (r.permissionsBoundary() != null) {
            boundaries.clear(tx, ns, role, r.permissionsBoundary());
        }
        store.delete(tx, ROLE, ns, Principals.key(role.name()));
    }

    /** UpdateRole: the description and the maximum session duration, each only when given. */
    public void update(Namespace ns, String name, String description, Integer maxSessionDuration) {
        change(ns, name, r -> r.toBuilder().description(description == null ? r.description() : description)
                .maxSessionDuration(maxSessionDuration == null ? r.maxSessionDuration() : maxSessionDuration).build());
    }

    public Role updateDescription(Namespace ns, String name, String description) {
        return change(ns, name, r -> r.toBuilder().description(description).build());
    }

    public void updateTrustPolicy(Namespace ns, String name, String document) {
        checkTrustPolicy(document);
        change(ns, name, r -> r.toBuilder().assumeRolePolicyDocument(document).build());
    }

    public void tag(Namespace ns, String name, List<Tag> tags) {
        List<Tag> requested = IamTags.requested(tags);
        change(ns, name, false,
                r -> r.toBuilder().tags(IamTags.stored(IamTags.merged(IamTags.orEmpty(r.tags()), requested))).build());
    }

    public void untag(Namespace ns, String name, List<String> keys) {
        change(ns, name, false, r -> r.toBuilder().tags(IamTags.stored(IamTags.without(r.tags(), keys))).build());
    }

    public void putBoundary(Namespace ns, String name, String arn) {
        store.inTransaction(tx -> {
            Principal role = principals.lockModifiable(tx, ns, PrincipalKind.ROLE, name);
            Versioned<Role> read = store.get(tx, ROLE, ns, Principals.key(name)).orElseThrow();
            store.replace(tx, ROLE, ns, Principals.key(name), read, read.value().toBuilder().permissionsBoundary(
                    boundaries.set(tx, ns, role, Optional.ofNullable(read.value().permissionsBoundary()), arn)).build());
            return null;
        });
    }

    public void deleteBoundary(Namespace ns, String name) {
        store.inTransaction(tx -> {
            Principal role = principals.lockModifiable(tx, ns, PrincipalKind.ROLE, name);
            Versioned<Role> read = store.get(tx, ROLE, ns, Principals.key(name)).orElseThrow();
            if (read.value().permissionsBoundary() != null) {
                boundaries.clear(tx, ns, role, read.value().permissionsBoundary());
                store.replace(tx, ROLE, ns, Principals.key(name), read,
                        read.value().toBuilder().permissionsBoundary(null).build());
            }
            return null;
        });
    }

    private Role change(Namespace ns, String name, UnaryOperator<Role> change) {
        return change(ns, name, true, change);
    }

    /** Changes the role's document under its lock; {@code protect} refuses a service-linked role. */
    private Role change(Namespace ns, String name, boolean protect, UnaryOperator<Role> change) {
        return store.inTransaction(tx -> {
            if (protect) {
                principals.lockModifiable(tx, ns, PrincipalKind.ROLE, name);
            } else {
                principals.lock(tx, ns, PrincipalKind.ROLE, name);
            }
            Versioned<Role> read = store.get(tx, ROLE, ns, Principals.key(name)).orElseThrow();
            Role next = change.apply(read.value());
            store.replace(tx, ROLE, ns, Principals.key(name), read, next);
            return next;
        });
    }

    private static void checkTrustPolicy(String document) {
        PolicyGrammar.check(document, PolicyGrammar.Kind.TRUST);
        PolicyText.checkTrustPolicySize(document);
    }

    static AwsException alreadyExists(String name) {
        return ENTITY_ALREADY_EXISTS.exception("Role with name " + name + " already exists.");
    }
}
