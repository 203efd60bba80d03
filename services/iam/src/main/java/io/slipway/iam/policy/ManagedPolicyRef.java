package io.slipway.iam.policy;

import io.slipway.model.iam.AttachedPolicy;

/**
 * A managed policy as attachments see it: an AWS managed one or one of the account's own.
 *
 * @param policyId the unique id the policy's attachments are stored under
 */
public record ManagedPolicyRef(String policyId, String name, String arn, String path) {

    public AttachedPolicy attached() {
        return new AttachedPolicy(name, arn);
    }
}
