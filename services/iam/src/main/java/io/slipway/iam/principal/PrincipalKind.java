package io.slipway.iam.principal;

import io.slipway.core.codec.DocumentType;
import io.slipway.iam.store.IamStore;
import io.slipway.model.runtime.AwsStructure;

/**
 * The three kinds of IAM entity that hold permissions: users, roles and groups. Each has inline
 * policies (whose sizes together are limited per kind) and attached managed policies (10 by
 * default, AWS's quota).
 *
 * @param noun            how IAM's messages name the kind ("user")
 * @param entityType      how ListEntitiesForPolicy and the references name it ("User")
 * @param inlinePolicySize the most characters (without white space) its inline policies may have together
 */
public enum PrincipalKind {
    USER("user", "User", IamStore.USER, 2048),
    ROLE("role", "Role", IamStore.ROLE, 10240),
    GROUP("group", "Group", IamStore.GROUP, 5120);

    /** Managed policies attached to one user, role or group (AWS's default quota). */
    public static final int MAX_ATTACHED_POLICIES = 10;

    private final String noun;
    private final String entityType;
    private final DocumentType<? extends AwsStructure> documentType;
    private final int inlinePolicySize;

    PrincipalKind(String noun, String entityType, DocumentType<? extends AwsStructure> documentType, int inlinePolicySize) {
        this.noun = noun;
        this.entityType = entityType;
        this.documentType = documentType;
        this.inlinePolicySize = inlinePolicySize;
    }

    public String noun() {
        return noun;
    }

    public String entityType() {
        return entityType;
    }

    public DocumentType<? extends AwsStructure> documentType() {
        return documentType;
    }

    public int inlinePolicySize() {
        return inlinePolicySize;
    }

    /** AWS's quota name for attached policies: PoliciesPerUser, PoliciesPerRole, PoliciesPerGroup. */
    public String attachedPoliciesQuota() {
        return "PoliciesPer" + entityType;
    }
}
