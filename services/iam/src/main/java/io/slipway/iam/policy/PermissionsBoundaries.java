package io.slipway.iam.policy;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.iam.principal.Principal;
import io.slipway.iam.store.IamStore;
import io.slipway.model.iam.AttachedPermissionsBoundary;
import io.slipway.model.iam.PermissionsBoundaryAttachmentType;
import io.slipway.model.runtime.AwsException;

import java.util.Optional;

import static io.slipway.iam.store.IamStore.BOUNDARY_USE;
import static io.slipway.model.iam.IamErrors.NO_SUCH_ENTITY;

/**
 * Permissions boundaries of users and roles: a managed policy named by ARN, whose use is recorded
 * under the policy (its PermissionsBoundaryUsageCount, and what keeps it from being deleted).
 * Slipway records boundaries; like every policy, it does not enforce them.
 */
public final class PermissionsBoundaries {
    private final IamStore store;
    private final ManagedPolicies policies;

    public PermissionsBoundaries(IamStore store, ManagedPolicies policies) {
        this.store = store;
        this.policies = policies;
    }

    /**
     * Makes {@code arn} the entity's boundary, in the transaction that writes the entity (which
     * holds its lock), replacing {@code previous}.
     */
    public AttachedPermissionsBoundary set(Tx tx, Namespace ns, Principal entity,
                                           Optional<AttachedPermissionsBoundary> previous, String arn) {
        ManagedPolicyRef policy;
        try {
            policy = policies.attachable(tx, ns, arn);
        } catch (AwsException e) {
            if (!e.error().equals(NO_SUCH_ENTITY)) {
                throw e;
            }
            throw NO_SUCH_ENTITY.exception("Scope ARN: " + arn + " does not exist or is not attachable.");
        }
        previous.ifPresent(p -> clear(tx, ns, entity, p));
        store.insert(tx, BOUNDARY_USE, ns, policy.policyId() + "|" + entity.id(), Optional.of(policy.policyId()),
                entity.ref());
        return new AttachedPermissionsBoundary(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY, arn);
    }

    /** Forgets the entity's boundary use (its policy cannot have gone while in use). */
    public void clear(Tx tx, Namespace ns, Principal entity, AttachedPermissionsBoundary previous) {
        ManagedPolicyRef policy = policies.existing(tx, ns, previous.permissionsBoundaryArn());
        store.delete(tx, BOUNDARY_USE, ns, policy.policyId() + "|" + entity.id());
    }
}
