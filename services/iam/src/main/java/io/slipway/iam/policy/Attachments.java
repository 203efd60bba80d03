package io.slipway.iam.policy;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.iam.Paging;
import io.slipway.iam.principal.Principal;
import io.slipway.iam.principal.PrincipalKind;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.store.EntityRef;
import io.slipway.iam.store.IamStore;
import io.slipway.model.iam.AttachedPolicy;
import io.slipway.model.iam.EntityType;
import io.slipway.model.iam.PolicyUsageType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.slipway.iam.store.IamStore.ATTACHED_POLICY;
import static io.slipway.iam.store.IamStore.BOUNDARY_USE;
import static io.slipway.iam.store.IamStore.POLICY_ENTITY;
import static io.slipway.model.iam.IamErrors.LIMIT_EXCEEDED;
import static io.slipway.model.iam.IamErrors.NO_SUCH_ENTITY;

/**
 * Managed policies attached to users, roles and groups. Each attachment is stored twice in one
 * transaction: under the entity (what ListAttached*Policies shows, and what its quota counts) and
 * under the policy (ListEntitiesForPolicy, the policy's AttachmentCount and DeletePolicy's check).
 */
public final class Attachments {
    private final IamStore store;
    private final Principals principals;
    private final ManagedPolicies policies;

    public Attachments(IamStore store, Principals principals, ManagedPolicies policies) {
        this.store = store;
        this.principals = principals;
        this.policies = policies;
    }

    /** Attaches; attaching a policy that is attached already changes nothing, as in IAM. */
    public void attach(Namespace ns, PrincipalKind kind, String name, String policyArn) {
        Retry.onConflict(() -> store.inTransaction(tx -> {
            Principal entity = principals.lockModifiable(tx, ns, kind, name);
            ManagedPolicyRef policy = policies.attachable(tx, ns, policyArn);
            String key = entity.id() + "|" + policy.policyId();
            if (store.get(tx, ATTACHED_POLICY, ns, key).isPresent()) {
                return null;
            }
            if (!store.belowQuota(tx, ATTACHED_POLICY, ns, Optional.of(entity.id()), PrincipalKind.MAX_ATTACHED_POLICIES)) {
                throw LIMIT_EXCEEDED.exception("Cannot exceed quota for " + kind.attachedPoliciesQuota() + ": "
                        + PrincipalKind.MAX_ATTACHED_POLICIES);
            }
            store.insert(tx, ATTACHED_POLICY, ns, key, Optional.of(entity.id()), policy.attached());
            store.insert(tx, POLICY_ENTITY, ns, policy.policyId() + "|" + entity.id(), Optional.of(policy.policyId()),
                    entity.ref());
            return null;
        }));
    }

    public void detach(Namespace ns, PrincipalKind kind, String name, String policyArn) {
        store.inTransaction(tx -> {
            Principal entity = principals.lockModifiable(tx, ns, kind, name);
            ManagedPolicyRef policy = policies.attachable(tx, ns, policyArn);
            if (!store.delete(tx, ATTACHED_POLICY, ns, entity.id() + "|" + policy.policyId())) {
                throw NO_SUCH_ENTITY.exception("Policy " + policyArn + " was not found.");
            }
            store.delete(tx, POLICY_ENTITY, ns, policy.policyId() + "|" + entity.id());
            return null;
        });
    }

    public Paging.Page<AttachedPolicy> list(Namespace ns, PrincipalKind kind, String name, String pathPrefix,
                                            Paging paging) {
        Principal entity = principals.get(ns, kind, name);
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        return store.page(ATTACHED_POLICY, ns, Optional.of(entity.id()), paging, p -> pathOf(p).startsWith(prefix));
    }

    /** The attached policies of an entity, for GetAccountAuthorizationDetails and deletion checks. */
    public List<AttachedPolicy> of(Tx tx, Namespace ns, Principal entity) {
        return store.children(tx, ATTACHED_POLICY, ns, entity.id());
    }

    /**
     * ListEntitiesForPolicy: the users, groups and roles the policy is attached to (or, with the
     * PermissionsBoundary usage filter, whose boundary it is), by kind and then name.
     */
    public Paging.Page<EntityRef> entities(Namespace ns, String policyArn, EntityType filter, String pathPrefix,
                                           PolicyUsageType usage, Paging paging) {
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        return store.inTransaction(tx -> {
            ManagedPolicyRef policy = policies.existing(tx, ns, policyArn);
            List<EntityRef> refs = new ArrayList<>();
            if (usage != PolicyUsageType.PERMISSIONS_BOUNDARY) {
                refs.addAll(store.children(tx, POLICY_ENTITY, ns, policy.policyId()));
            }
            if (usage != PolicyUsageType.PERMISSIONS_POLICY) {
                store.children(tx, BOUNDARY_USE, ns, policy.policyId()).stream()
                        .filter(r -> refs.stream().noneMatch(x -> x.id().equals(r.id()))).forEach(refs::add);
            }
            List<EntityRef> kept = refs.stream().filter(r -> r.path().startsWith(prefix))
                    .filter(r -> filter == null || matches(filter, r))
                    .sorted(Comparator.comparing(Attachments::sortKey)).toList();
            return paging.slice(kept, Attachments::sortKey);
        });
    }

    private static boolean matches(EntityType filter, EntityRef r) {
        return switch (filter) {
            case USER, ROLE, GROUP -> filter.toString().equals(r.type());
            case LOCAL_MANAGED_POLICY, AWS_MANAGED_POLICY -> false;
        };
    }

    private static String sortKey(EntityRef r) {
        return r.type() + "|" + Principals.key(r.name());
    }

    /** The path an attached policy's ARN names ({@code arn:aws:iam::<acct>:policy<path><name>}). */
    private static String pathOf(AttachedPolicy p) {
        String arn = p.policyArn();
        int start = arn.indexOf(":policy/") + ":policy".length();
        return arn.substring(start, arn.lastIndexOf('/') + 1);
    }
}
