package io.slipway.iam.store;

import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceKey;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.iam.Paging;
import io.slipway.model.iam.AccessKey;
import io.slipway.model.iam.AttachedPolicy;
import io.slipway.model.iam.Group;
import io.slipway.model.iam.IamModel;
import io.slipway.model.iam.InstanceProfile;
import io.slipway.model.iam.PolicyVersion;
import io.slipway.model.iam.Role;
import io.slipway.model.iam.User;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.AwsStructure;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.slipway.model.iam.IamErrors.DELETE_CONFLICT;
import static io.slipway.model.iam.IamErrors.LIMIT_EXCEEDED;

/**
 * IAM's documents in the shared store. IAM is global: everything of an account lives in its
 * {@link #namespace(String) global namespace}, whatever region a client signs for. Users, roles,
 * groups, managed policies and instance profiles are keyed by their name in lower case (IAM names
 * are unique regardless of case); what hangs off one of them (inline policies, attachments, group
 * memberships, access keys, policy versions) is stored under its unique id, so that a name freed
 * by a deletion never inherits anything.
 */
public final class IamStore extends DocumentStore {
    /** The region of every IAM namespace. */
    public static final String GLOBAL = "global";
    /**
     * Where the index of issued access keys lives: keys are looked up by id alone, before anyone
     * knows the account. "aws" is no account id, so no client's namespace can be this one.
     */
    public static final Namespace KEY_INDEX_NAMESPACE = new Namespace("aws", GLOBAL);

    public static final DocumentType<User> USER = new DocumentType<>("iam.user", IamModel.MODEL.shape("User"),
            User::fromDocument);
    /** A role with its trust policy as written (URL-encoded only on the way out). */
    public static final DocumentType<Role> ROLE = new DocumentType<>("iam.role", IamModel.MODEL.shape("Role"),
            Role::fromDocument);
    public static final DocumentType<Group> GROUP = new DocumentType<>("iam.group", IamModel.MODEL.shape("Group"),
            Group::fromDocument);
    /** Customer managed policies, by name. */
    public static final DocumentType<StoredPolicy> POLICY = new DocumentType<>("iam.policy", StoredPolicy.SHAPE,
            StoredPolicy::fromDocument);
    /** A managed policy's versions, under the policy's id (at most five). */
    public static final DocumentType<PolicyVersion> POLICY_VERSION = new DocumentType<>("iam.policy-version",
            IamModel.MODEL.shape("PolicyVersion"), PolicyVersion::fromDocument);
    /** Inline policies under their user's, role's or group's id. */
    public static final DocumentType<InlinePolicy> INLINE_POLICY = new DocumentType<>("iam.inline-policy",
            InlinePolicy.SHAPE, InlinePolicy::fromDocument);
    /** Managed policies attached to a user, role or group, under the entity's id. */
    public static final DocumentType<AttachedPolicy> ATTACHED_POLICY = new DocumentType<>("iam.attached-policy",
            IamModel.MODEL.shape("AttachedPolicy"), AttachedPolicy::fromDocument);
    /** The same attachments seen from the policy: the entities, under the policy's id. */
    public static final DocumentType<EntityRef> POLICY_ENTITY = new DocumentType<>("iam.policy-entity", EntityRef.SHAPE,
            EntityRef::fromDocument);
    /** Entities whose permissions boundary a managed policy is, under the policy's id. */
    public static final DocumentType<EntityRef> BOUNDARY_USE = new DocumentType<>("iam.boundary-use", EntityRef.SHAPE,
            EntityRef::fromDocument);
    /** A group's members, under the group's id. */
    public static final DocumentType<EntityRef> GROUP_MEMBER = new DocumentType<>("iam.group-member", EntityRef.SHAPE,
            EntityRef::fromDocument);
    /** A user's groups, under the user's id. */
    public static final DocumentType<EntityRef> USER_GROUP = new DocumentType<>("iam.user-group", EntityRef.SHAPE,
            EntityRef::fromDocument);
    /** A user's access keys (with their secrets), under the user's id. */
    public static final DocumentType<AccessKey> ACCESS_KEY = new DocumentType<>("iam.access-key",
            IamModel.MODEL.shape("AccessKey"), AccessKey::fromDocument);
    /** Every issued access key by id, in {@link #KEY_INDEX_NAMESPACE}: whose it is. */
    public static final DocumentType<KeyOwner> KEY_OWNER = new DocumentType<>("iam.key-owner", KeyOwner.SHAPE,
            KeyOwner::fromDocument);
    /** Instance profiles, by name; their one role is kept by name and read afresh on the way out. */
    public static final DocumentType<InstanceProfile> INSTANCE_PROFILE = new DocumentType<>("iam.instance-profile",
            IamModel.MODEL.shape("InstanceProfile"), InstanceProfile::fromDocument);
    /** The instance profiles a role is in, under the role's id. */
    public static final DocumentType<EntityRef> ROLE_PROFILE = new DocumentType<>("iam.role-profile", EntityRef.SHAPE,
            EntityRef::fromDocument);
    /** Deletions of service-linked roles, by task id, for GetServiceLinkedRoleDeletionStatus. */
    public static final DocumentType<EntityRef> DELETION_TASK = new DocumentType<>("iam.deletion-task", EntityRef.SHAPE,
            EntityRef::fromDocument);

    /** Rows read at a time while a page fills. */
    private static final int CHUNK = 500;
    /** More than any IAM parent holds (5,000 users in an account is the largest quota). */
    private static final int MAX_CHILDREN = 10_000;
    private final ResourceStore resources;

    public IamStore(Jdbc jdbc, ResourceStore resources) {
        super(jdbc, resources);
        this.resources = resources;
    }

    /** An account's IAM namespace. */
    public static Namespace namespace(String account) {
        return new Namespace(account, GLOBAL);
    }

    /**
     * One page of a kind's documents (under {@code parent}) in id order, keeping those that pass
     * {@code keep}: the store is read in chunks until the page is full, so a filter that skips
     * many costs reads but never a wrong page.
     */
    public <T extends AwsStructure> Paging.Page<T> page(DocumentType<T> type, Namespace ns, Optional<String> parent,
                                                       Paging paging, Predicate<T> keep) {
        Map<T, String> keys = new IdentityHashMap<>();
        Paging.Collector<T> page = paging.collector(keys::get);
        Optional<String> after = paging.after();
        while (true) {
            Page<T> chunk = list(type, ns, parent, after, Math.min(CHUNK, paging.maxItems() + 1));
            for (Keyed<T> item : chunk.items()) {
                if (keep.test(item.value())) {
                    keys.put(item.value(), item.id());
                    if (!page.add(item.value())) {
                        return page.page();
                    }
                }
            }
            if (chunk.nextAfterId().isEmpty()) {
                return page.page();
            }
            after = chunk.nextAfterId();
        }
    }

    /** Every document of a kind under a parent (a parent has a bounded number: IAM's quotas). */
    public <T extends AwsStructure> List<T> children(Tx tx, DocumentType<T> type, Namespace ns, String parent) {
        return list(tx, type, ns, Optional.of(parent), Optional.empty(), MAX_CHILDREN).items().stream()
                .map(Keyed::value).toList();
    }

    public <T extends AwsStructure> List<T> children(DocumentType<T> type, Namespace ns, String parent) {
        return inTransaction(tx -> children(tx, type, ns, parent));
    }

    /** An account-wide quota of an entity kind, named as IAM's LimitExceeded names it ("UsersPerAccount"). */
    public record AccountQuota(String name, int limit) {
    }

    /**
     * Inserts a new entity under its name (in lower case: IAM names are unique regardless of case)
     * within an account-wide quota, counted so that concurrent creators take turns; run it in a
     * transaction under {@link Retry#onConflict}. Past the quota it is LimitExceeded; a taken name
     * is {@code taken}.
     */
    public <T extends AwsStructure> void insertNamed(Tx tx, DocumentType<T> type, Namespace ns, String name, T value,
                                                     AccountQuota quota, Supplier<AwsException> taken) {
        if (!belowQuota(tx, type, ns, Optional.empty(), quota.limit())) {
            throw LIMIT_EXCEEDED.exception("Cannot exceed quota for " + quota.name() + ": " + quota.limit());
        }
        try {
            insert(tx, type, ns, name.toLowerCase(Locale.ROOT), Optional.empty(), value);
        } catch (DuplicateKeyException e) {
            throw taken.get();
        }
    }

    /** Something that keeps an entity from being deleted while it exists, and IAM's words for it. */
    public record Dependent(DocumentType<?> type, String message) {
    }

    /** DeleteConflict, in the first dependent's words, when anything of those kinds is stored under {@code parent}. */
    public void requireNone(Tx tx, Namespace ns, String parent, Dependent... dependents) {
        for (Dependent d : dependents) {
            if (count(tx, d.type(), ns, Optional.of(parent)) > 0) {
                throw DELETE_CONFLICT.exception(d.message());
            }
        }
    }

    /**
     * Reads a document and row-locks it until the transaction ends. Whatever changes what hangs off
     * an entity (an attachment, a membership, a key) locks the entity first, and its deletion does
     * too, so a deletion never leaves anything behind that a concurrent change added.
     */
    public <T extends AwsStructure> Optional<Versioned<T>> lock(Tx tx, DocumentType<T> type, Namespace ns, String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return resources.getForUpdate(tx, new ResourceKey(ns.account(), ns.region(), type.kind(), id))
                .map(r -> new Versioned<>(type.read(r.doc()), r.version(), r.parent()));
    }
}
