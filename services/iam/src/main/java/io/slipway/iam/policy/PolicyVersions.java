package io.slipway.iam.policy;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.iam.IamArns;
import io.slipway.iam.Paging;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.store.IamStore;
import io.slipway.iam.store.StoredPolicy;
import io.slipway.model.iam.Policy;
import io.slipway.model.iam.PolicyVersion;
import io.slipway.model.runtime.AwsException;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.slipway.iam.store.IamStore.POLICY;
import static io.slipway.iam.store.IamStore.POLICY_VERSION;
import static io.slipway.model.iam.IamErrors.DELETE_CONFLICT;
import static io.slipway.model.iam.IamErrors.LIMIT_EXCEEDED;
import static io.slipway.model.iam.IamErrors.NO_SUCH_ENTITY;

/**
 * A managed policy's versions: at most five, numbered v1, v2, ... and never numbered twice; one is
 * the default. An AWS managed policy shows only its default version.
 */
public final class PolicyVersions {
    public static final int MAX_VERSIONS = 5;
    private final IamStore store;
    private final ManagedPolicies policies;
    private final SlipwayClock clock;

    public PolicyVersions(IamStore store, ManagedPolicies policies, SlipwayClock clock) {
        this.store = store;
        this.policies = policies;
        this.clock = clock;
    }

    /** Stored under the policy's id, numbered so that they list in order. */
    static String key(String policyId, int number) {
        return policyId + "/" + String.format(Locale.ROOT, "%06d", number);
    }

    public PolicyVersion create(Namespace ns, String arn, String document, boolean setAsDefault) {
        PolicyGrammar.check(document, PolicyGrammar.Kind.MANAGED);
        PolicyText.checkManagedPolicySize(document);
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            Versioned<StoredPolicy> read = policies.own(tx, ns, arn, true);
            Policy p = read.value().view();
            if (!store.belowQuota(tx, POLICY_VERSION, ns, Optional.of(p.policyId()), MAX_VERSIONS)) {
                throw LIMIT_EXCEEDED.exception("A managed policy can have up to " + MAX_VERSIONS
                        + " versions. Before you create a new version, you must delete an existing version.");
            }
            int number = read.value().versionsCreated() + 1;
            Instant now = clock.now();
            String versionId = "v" + number;
            store.insert(tx, POLICY_VERSION, ns, key(p.policyId(), number), Optional.of(p.policyId()),
                    new PolicyVersion(document, versionId, false, now));
            Policy.Builder next = p.toBuilder().updateDate(now);
            if (setAsDefault) {
                next.defaultVersionId(versionId);
            }
            store.replace(tx, POLICY, ns, Principals.key(p.policyName()), read, new StoredPolicy(next.build(), number));
            return new PolicyVersion(null, versionId, setAsDefault, now);
        }));
    }

    public PolicyVersion get(Namespace ns, String arn, String versionId) {
        if (IamArns.policyArn(arn).awsManaged()) {
            var p = policies.aws().byArn(arn).orElseThrow(() -> ManagedPolicies.notFound(arn));
            if (!p.defaultVersionId().equals(versionId)) {
                throw noVersion(arn, versionId);
            }
            return new PolicyVersion(PolicyText.encoded(p.document()), versionId, true, p.updateDate());
        }
        return store.inTransaction(tx -> {
            Policy p = policies.own(tx, ns, arn, false).value().view();
            return version(tx, ns, p, versionId).map(v -> shown(v, p, true)).orElseThrow(() -> noVersion(arn, versionId));
        });
    }

    public Paging.Page<PolicyVersion> list(Namespace ns, String arn, Paging paging) {
        if (IamArns.policyArn(arn).awsManaged()) {
            var p = policies.aws().byArn(arn).orElseThrow(() -> ManagedPolicies.notFound(arn));
            return paging.slice(List.of(new PolicyVersion(null, p.defaultVersionId(), true, p.updateDate())),
                    PolicyVersion::versionId);
        }
        return store.inTransaction(tx -> {
            Policy p = policies.own(tx, ns, arn, false).value().view();
            // newest first, as IAM lists them
            List<PolicyVersion> all = store.children(tx, POLICY_VERSION, ns, p.policyId()).stream()
                    .sorted(Comparator.comparingInt(PolicyVersions::versionNumber).reversed()).map(v -> shown(v, p, false)).toList();
            return paging.slice(all, v -> String.format(Locale.ROOT, "%06d", 999_999 - versionNumber(v)));
        });
    }

    public void delete(Namespace ns, String arn, String versionId) {
        store.inTransaction(tx -> {
            Policy p = policies.own(tx, ns, arn, true).value().view();
            if (p.defaultVersionId().equals(versionId)) {
                throw DELETE_CONFLICT.exception("Cannot delete the default version of a policy.");
            }
            Optional<Integer> number = number(versionId);
            if (number.isEmpty() || !store.delete(tx, POLICY_VERSION, ns, key(p.policyId(), number.get()))) {
                throw noVersion(arn, versionId);
            }
            return null;
        });
    }

    public void setDefault(Namespace ns, String arn, String versionId) {
        store.inRetriedTransaction(tx -> {
            Versioned<StoredPolicy> read = policies.own(tx, ns, arn, true);
            Policy p = read.value().view();
            if (version(tx, ns, p, versionId).isEmpty()) {
                throw noVersion(arn, versionId);
            }
            store.replace(tx, POLICY, ns, Principals.key(p.policyName()), read, new StoredPolicy(
                    p.toBuilder().defaultVersionId(versionId).build(), read.value().versionsCreated()));
        });
    }

    /** Every version of an own policy, newest first, with its document (GetAccountAuthorizationDetails). */
    public List<PolicyVersion> all(Tx tx, Namespace ns, Policy p) {
        return store.children(tx, POLICY_VERSION, ns, p.policyId()).stream()
                .sorted(Comparator.comparingInt(PolicyVersions::versionNumber).reversed()).map(v -> shown(v, p, true)).toList();
    }

    private Optional<PolicyVersion> version(Tx tx, Namespace ns, Policy p, String versionId) {
        return number(versionId).flatMap(n -> store.get(tx, POLICY_VERSION, ns, key(p.policyId(), n)))
                .map(Versioned::value);
    }

    /** The version as IAM answers: default or not, its document URL-encoded (left out of listings). */
    private static PolicyVersion shown(PolicyVersion v, Policy p, boolean withDocument) {
        return new PolicyVersion(withDocument ? PolicyText.encoded(v.document()) : null, v.versionId(),
                v.versionId().equals(p.defaultVersionId()), v.createDate());
    }

    private static int versionNumber(PolicyVersion v) {
        return Integer.parseInt(v.versionId().substring(1));
    }

    /** The number of a version id we gave out ("v3"); ids of other forms name no version. */
    private static Optional<Integer> number(String versionId) {
        if (versionId == null || !versionId.matches("v[1-9][0-9]{0,5}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(versionId.substring(1)));
    }

    private static AwsException noVersion(String arn, String versionId) {
        return NO_SUCH_ENTITY.exception("Policy " + arn + " version " + versionId + " does not exist or is not attachable.");
    }
}
