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
import io.slipway.iam.principal.Principal;
import io.slipway.iam.principal.PrincipalKind;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.store.EntityRef;
import io.slipway.iam.store.IamStore;
import io.slipway.model.iam.InstanceProfile;
import io.slipway.model.iam.Role;
import io.slipway.model.iam.Tag;
import io.slipway.model.runtime.AwsException;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.slipway.iam.store.IamStore.INSTANCE_PROFILE;
import static io.slipway.iam.store.IamStore.ROLE_PROFILE;
import static io.slipway.model.iam.IamErrors.DELETE_CONFLICT;
import static io.slipway.model.iam.IamErrors.ENTITY_ALREADY_EXISTS;
import static io.slipway.model.iam.IamErrors.LIMIT_EXCEEDED;
import static io.slipway.model.iam.IamErrors.NO_SUCH_ENTITY;

/**
 * Instance profiles: containers of at most one role (AWS's limit), which EC2 instances would
 * carry. The profile keeps its role's name; answers show the role as it is now. The role keeps a
 * reference to each profile it is in, which its deletion checks.
 */
public final class InstanceProfiles {
    /** Instance profiles per account (AWS's quota). */
    public static final IamStore.AccountQuota QUOTA = new IamStore.AccountQuota("InstanceProfilesPerAccount", 1000);
    /** IAM's refusal to delete a role or profile while the profile holds the role. */
    public static final String ROLES_LEFT = "Cannot delete entity, must remove roles from instance profile first.";
    private final IamStore store;
    private final Principals principals;
    private final Roles roles;
    private final SlipwayClock clock;
    private final IamIds ids;

    public InstanceProfiles(IamStore store, Principals principals, Roles roles, SlipwayClock clock, IamIds ids) {
        this.store = store;
        this.principals = principals;
        this.roles = roles;
        this.clock = clock;
        this.ids = ids;
    }

    public InstanceProfile create(Namespace ns, String name, String path, List<Tag> tags) {
        List<Tag> requested = IamTags.merged(List.of(), IamTags.requested(tags));
        String p = path == null ? "/" : path;
        InstanceProfile profile = InstanceProfile.builder().path(p).instanceProfileName(name)
                .instanceProfileId(ids.uniqueId(IamIds.INSTANCE_PROFILE)).arn(IamArns.instanceProfile(ns.account(), p, name))
                .createDate(clock.now()).roles(List.of()).tags(IamTags.stored(requested)).build();
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            store.insertNamed(tx, INSTANCE_PROFILE, ns, name, profile, QUOTA,
                    () -> ENTITY_ALREADY_EXISTS.exception("Instance Profile " + name + " already exists."));
            return profile;
        }));
    }

    /** The profile as stored: its role by name only (see {@link #withRoles}). */
    public InstanceProfile get(Namespace ns, String name) {
        return store.get(INSTANCE_PROFILE, ns, Principals.key(name)).orElseThrow(() -> notFound(name));
    }

    public Optional<InstanceProfile> find(Namespace ns, String name) {
        return store.get(INSTANCE_PROFILE, ns, Principals.key(name));
    }

    /** The profile with its role as the role is now. */
    public InstanceProfile withRoles(Namespace ns, InstanceProfile p) {
        List<Role> current = rolesOf(p).stream().map(r -> roles.find(ns, r.roleName())).flatMap(Optional::stream).toList();
        return p.toBuilder().roles(current).build();
    }

    public Paging.Page<InstanceProfile> list(Namespace ns, String pathPrefix, Paging paging) {
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        return store.page(INSTANCE_PROFILE, ns, Optional.empty(), paging, p -> p.path().startsWith(prefix));
    }

    /** The profiles a role is in, as references (the caller reads the profiles). */
    public Paging.Page<EntityRef> ofRole(Namespace ns, String roleName, Paging paging) {
        Principal role = principals.get(ns, PrincipalKind.ROLE, roleName);
        return store.page(ROLE_PROFILE, ns, Optional.of(role.id()), paging, r -> true);
    }

    public List<EntityRef> ofRole(Tx tx, Namespace ns, Principal role) {
        return store.children(tx, ROLE_PROFILE, ns, role.id());
    }

    public void delete(Namespace ns, String name) {
        store.inTransaction(tx -> {
            InstanceProfile p = lock(tx, ns, name).value();
            if (!rolesOf(p).isEmpty()) {
                throw DELETE_CONFLICT.exception(ROLES_LEFT);
            }
            store.delete(tx, INSTANCE_PROFILE, ns, Principals.key(name));
            return null;
        });
    }

    public void addRole(Namespace ns, String name, String roleName) {
        store.inTransaction(tx -> {
            Versioned<InstanceProfile> read = lock(tx, ns, name);
            InstanceProfile p = read.value();
            Principal role = principals.lockModifiable(tx, ns, PrincipalKind.ROLE, roleName);
            if (!rolesOf(p).isEmpty()) {
                throw LIMIT_EXCEEDED.exception("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
            }
            store.replace(tx, INSTANCE_PROFILE, ns, Principals.key(name), read,
                    p.toBuilder().roles(List.of(Role.builder().roleName(role.name()).build())).build());
            store.insert(tx, ROLE_PROFILE, ns, role.id() + "|" + p.instanceProfileId(), Optional.of(role.id()), ref(p));
            return null;
        });
    }

    public void removeRole(Namespace ns, String name, String roleName) {
        store.inTransaction(tx -> {
            Versioned<InstanceProfile> read = lock(tx, ns, name);
            InstanceProfile p = read.value();
            Principal role = principals.lockModifiable(tx, ns, PrincipalKind.ROLE, roleName);
            if (rolesOf(p).stream().noneMatch(r -> Principals.key(r.roleName()).equals(Principals.key(role.name())))) {
                throw NO_SUCH_ENTITY.exception("Role " + roleName + " in Instance Profile " + p.instanceProfileName()
                        + " cannot be found.");
            }
            store.replace(tx, INSTANCE_PROFILE, ns, Principals.key(name), read, p.toBuilder().roles(List.of()).build());
            store.delete(tx, ROLE_PROFILE, ns, role.id() + "|" + p.instanceProfileId());
            return null;
        });
    }

    public void tag(Namespace ns, String name, List<Tag> tags) {
        List<Tag> requested = IamTags.requested(tags);
        change(ns, name, p -> p.toBuilder().tags(IamTags.stored(IamTags.merged(IamTags.orEmpty(p.tags()), requested))).build());
    }

    public void untag(Namespace ns, String name, List<String> keys) {
        change(ns, name, p -> p.toBuilder().tags(IamTags.stored(IamTags.without(p.tags(), keys))).build());
    }

    private void change(Namespace ns, String name, UnaryOperator<InstanceProfile> change) {
        store.inRetriedTransaction(tx -> {
            Versioned<InstanceProfile> read = store.get(tx, INSTANCE_PROFILE, ns, Principals.key(name))
                    .orElseThrow(() -> notFound(name));
            store.replace(tx, INSTANCE_PROFILE, ns, Principals.key(name), read, change.apply(read.value()));
        });
    }

    private Versioned<InstanceProfile> lock(Tx tx, Namespace ns, String name) {
        return store.lock(tx, INSTANCE_PROFILE, ns, Principals.key(name)).orElseThrow(() -> notFound(name));
    }

    private static List<Role> rolesOf(InstanceProfile p) {
        return p.roles() == null ? List.of() : p.roles();
    }

    private static EntityRef ref(InstanceProfile p) {
        return new EntityRef("InstanceProfile", p.instanceProfileName(), p.instanceProfileId(), p.path());
    }

    private static AwsException notFound(String name) {
        return NO_SUCH_ENTITY.exception("Instance Profile " + name + " cannot be found.");
    }
}
