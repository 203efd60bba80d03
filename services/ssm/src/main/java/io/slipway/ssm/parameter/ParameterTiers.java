package io.slipway.ssm.parameter;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.ssm.ParameterHistory;
import io.slipway.model.ssm.ParameterTier;
import io.slipway.ssm.store.SsmStore;

import java.util.Optional;

import static io.slipway.model.ssm.SsmErrors.PARAMETER_LIMIT_EXCEEDED;
import static io.slipway.model.ssm.SsmErrors.VALIDATION;

/**
 * Tiers and their quotas: each parameter has a marker row of its tier, counted under a lock in
 * the writing transaction, so that concurrent creators never take a region past its quota.
 * Intelligent-Tiering picks Standard while the value fits, no policy is set and the Standard
 * quota has room; a parameter never moves from Advanced back to Standard.
 *
 * @param standard the Standard parameters a region holds (AWS: 10,000)
 * @param advanced the Advanced parameters a region holds (AWS: 100,000)
 */
public record ParameterTiers(SsmStore store, int standard, int advanced) {
    public static final int STANDARD_QUOTA = 10_000;
    public static final int ADVANCED_QUOTA = 100_000;

    public ParameterTiers(SsmStore store) {
        this(store, STANDARD_QUOTA, ADVANCED_QUOTA);
    }

    /** The tier the version gets, with the parameter counted in it (moved from Standard when it is upgraded). */
    ParameterTier admit(Tx tx, Namespace ns, String key, ParameterHistory next, Optional<ParameterTier> current) {
        boolean needsAdvanced = next.value().length() > ParameterValues.STANDARD_MAX || next.policies() != null;
        ParameterTier requested = next.tier();
        ParameterTier tier;
        if (requested == null) {
            tier = current.orElse(ParameterTier.STANDARD);
        } else if (requested == ParameterTier.INTELLIGENT_TIERING) {
            tier = current.filter(t -> t == ParameterTier.ADVANCED).isPresent() || needsAdvanced
                    || current.isEmpty() && !store.belowQuota(tx, Marker.STANDARD, ns, Optional.empty(), standard)
                    ? ParameterTier.ADVANCED : ParameterTier.STANDARD;
        } else {
            tier = requested;
        }
        if (tier == ParameterTier.STANDARD && current.filter(t -> t == ParameterTier.ADVANCED).isPresent()) {
            throw VALIDATION.exception("This parameter uses the advanced-parameter tier. You can't downgrade a parameter "
                    + "from the advanced-parameter tier to the standard-parameter tier."); // UNVERIFIED wording
        }
        if (tier == ParameterTier.STANDARD && next.policies() != null) {
            throw VALIDATION.exception("Parameter policies are supported only for parameters in the advanced-parameter "
                    + "tier."); // UNVERIFIED wording
        }
        if (current.isEmpty()) {
            count(tx, ns, key, tier);
        } else if (current.get() == ParameterTier.STANDARD && tier == ParameterTier.ADVANCED) {
            count(tx, ns, key, tier);
            store.delete(tx, Marker.STANDARD, ns, key);
        }
        return tier;
    }

    private void count(Tx tx, Namespace ns, String key, ParameterTier tier) {
        boolean advancedTier = tier == ParameterTier.ADVANCED;
        if (!store.belowQuota(tx, advancedTier ? Marker.ADVANCED : Marker.STANDARD, ns, Optional.empty(),
                advancedTier ? advanced : standard)) {
            throw PARAMETER_LIMIT_EXCEEDED.exception("You have exceeded the number of parameters for this AWS account. "
                    + "Delete one or more parameters and try again.");
        }
        store.insert(tx, advancedTier ? Marker.ADVANCED : Marker.STANDARD, ns, key, Optional.empty(), Marker.INSTANCE);
    }

    /** The parameter no longer counts in its tier. */
    void release(Tx tx, Namespace ns, String key, ParameterTier tier) {
        store.delete(tx, tier == ParameterTier.ADVANCED ? Marker.ADVANCED : Marker.STANDARD, ns, key);
    }
}
