package io.slipway.iam.role;

import io.slipway.iam.policy.PolicyText;
import io.slipway.model.iam.Role;

/** Roles as IAM's answers show them: the trust policy URL-encoded; listings without tags or boundary. */
public final class RoleViews {
    private RoleViews() {
    }

    public static Role shown(Role r) {
        return r.toBuilder().assumeRolePolicyDocument(PolicyText.encoded(r.assumeRolePolicyDocument())).build();
    }

    public static Role listed(Role r) {
        return shown(r).toBuilder().tags(null).permissionsBoundary(null).build();
    }
}
