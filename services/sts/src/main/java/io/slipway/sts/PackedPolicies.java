package io.slipway.sts;

import io.slipway.model.sts.PolicyDescriptorType;
import io.slipway.model.sts.StsErrors;
import io.slipway.model.sts.Tag;

import java.util.List;

/**
 * PackedPolicySize: how much of the space AWS packs a session's policies and tags into they use, as
 * a percentage. AWS's packing is its own; Slipway counts their characters against 2,048 (UNVERIFIED:
 * a session policy near the documented 2,048-character limit comes out near 100%).
 */
final class PackedPolicies {
    private static final int PACKED_SPACE = 2048;

    private PackedPolicies() {
    }

    /** The percentage, or null when the request passes no session policy and no tags (AWS then answers none). */
    static Integer size(String policy, List<PolicyDescriptorType> arns, List<Tag> tags) {
        int chars = policy == null ? 0 : policy.length();
        boolean any = policy != null;
        for (PolicyDescriptorType arn : arns == null ? List.<PolicyDescriptorType>of() : arns) {
            chars += arn.arn() == null ? 0 : arn.arn().length();
            any = true;
        }
        for (Tag tag : tags == null ? List.<Tag>of() : tags) {
            chars += tag.key().length() + (tag.value() == null ? 0 : tag.value().length());
            any = true;
        }
        if (!any) {
            return null;
        }
        int percent = (int) Math.ceil(chars * 100.0 / PACKED_SPACE);
        if (percent > 100) {
            throw StsErrors.PACKED_POLICY_TOO_LARGE.exception("Packed policy consumes " + percent
                    + "% of allotted space, please use smaller policy.");
        }
        return percent;
    }
}
