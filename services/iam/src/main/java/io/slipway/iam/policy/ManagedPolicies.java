package io.slipway.iam.policy;

import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.iam.IamArns;
import io.slipway.iam.IamIds;
import io.slipway.iam.IamTags;
import io.slipway.iam.Paging;
import io.slipway.iam.policy.AwsManagedPolicies.AwsManagedPolicy;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.store.IamStore;
import io.slipway.iam.store.StoredPolicy;
import io.slipway.model.iam.Policy;
import io.slipway.model.iam.PolicyScopeType;
import io.slipway.model.iam.PolicyUsageType;
import io.slipway.model.iam.PolicyVersion;
import io.slipway.model.iam.Tag;
import io.slipway.model.runtime.AwsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.slipway.iam.store.IamStore.BOUNDARY_USE;
import static io.slipway.iam.store.IamStore.POLICY;
import static io.slipway.iam.store.IamStore.POLICY_ENTITY;
import static io.slipway.iam.store.IamStore.POLICY_VERSION;
import static io.slipway.model.iam.IamErrors.DELETE_CONFLICT;
import static io.slipway.model.iam.IamErrors.ENTITY_ALREADY_EXISTS;
import static io.slipway.model.iam.IamErrors.NO_SUCH_ENTITY;
import static io.slipway.model.iam.IamErrors.UNMODIFIABLE_ENTITY;

/**
 * Managed policies: the account's own (customer managed, with up to five versions) and AWS's,
 * which every account sees and may attach but not change. Another account's policy, named by its
 * ARN, does not exist for the caller.
 */
public final class ManagedPolicies {
    /** Customer managed policies per account (AWS's quota). */
    public static final IamStore.AccountQuota QUOTA = new IamStore.AccountQuota("PoliciesPerAccount", 1500);
    private final IamStore store;
    private final AwsManagedPolicies aws;
    private final SlipwayClock clock;
    private final IamIds ids;

    public ManagedPolicies(IamStore store, AwsManagedPolicies aws, SlipwayClock clock, IamIds ids) {
        this.store = store;
        this.aws = aws;
        this.clock = clock;
        this.ids = ids;
    }

    public Policy create(Namespace ns, String name, String path, String document, String description, List<Tag> tags) {
        PolicyGrammar.check(document, PolicyGrammar.Kind.MANAGED);
        PolicyText.checkManagedPolicySize(document);
        List<Tag> requested = IamTags.requested(tags);
        IamTags.merged(List.of(), requested);
        String p = path == null ? "/" : path;
        String id = ids.uniqueId(IamIds.POLICY);
        var now = clock.now();
        Policy view = Policy.builder().policyName(name).policyId(id).arn(IamArns.policy(ns.account(), p, name)).path(p)
                .defaultVersionId("v1").attachmentCount(0).permissionsBoundaryUsageCount(0).isAttachable(true)
                .description(description).createDate(now).updateDate(now).tags(IamTags.stored(requested)).build();
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            store.insertNamed(tx, POLICY, ns, name, new StoredPolicy(view, 1), QUOTA, () -> ENTITY_ALREADY_EXISTS.exception(
                    "A policy called " + name + " already exists. Duplicate names are not allowed."));
            store.insert(tx, POLICY_VERSION, ns, PolicyVersions.key(id, 1), Optional.of(id),
                    new PolicyVersion(document, "v1", true, now));
            return view;
        }));
    }

    /** GetPolicy: an AWS managed policy or the account's own, with its current counts. */
    public Policy get(Namespace ns, String arn) {
        return store.inTransaction(tx -> {
            IamArns.PolicyArn parsed = IamArns.policyArn(arn);
            if (parsed.awsManaged()) {
                return view(tx, ns, aws.byArn(arn).orElseThrow(() -> notFound(arn)));
            }
            return view(tx, ns, own(tx, ns, arn, false).value().view());
        });
    }

    /** For attachments and permissions boundaries: the policy, row-locked when it is the account's own. */
    public ManagedPolicyRef attachable(Tx tx, Namespace ns, String arn) {
        return ref(tx, ns, arn, () -> notAttachable(arn));
    }

    /** The policy (AWS managed or the account's own), or NoSuchEntity as GetPolicy answers it. */
    public ManagedPolicyRef existing(Tx tx, Namespace ns, String arn) {
        return ref(tx, ns, arn, () -> notFound(arn));
    }

    private ManagedPolicyRef ref(Tx tx, Namespace ns, String arn, Supplier<AwsException> missing) {
        IamArns.PolicyArn parsed = IamArns.policyArn(arn);
        if (parsed.awsManaged()) {
            AwsManagedPolicy p = aws.byArn(arn).orElseThrow(missing);
            return new ManagedPolicyRef(p.policyId(), p.name(), p.arn(), p.path());
        }
        Policy p = ownPolicy(tx, ns, parsed, arn, true).orElseThrow(missing).value().view();
        return new ManagedPolicyRef(p.policyId(), p.policyName(), p.arn(), p.path());
    }

    /**
     * One of the account's own policies by ARN: NoSuchEntity when there is none (another account's
     * policy among them), UnmodifiableEntity for an AWS managed one.
     */
    public Versioned<StoredPolicy> own(Tx tx, Namespace ns, String arn, boolean lock) {
        IamArns.PolicyArn parsed = IamArns.policyArn(arn);
        if (parsed.awsManaged()) {
            if (aws.byArn(arn).isEmpty()) {
                throw notFound(arn);
            }
            // our wording: AWS refuses changes to its policies, but the refusal is not documented
            throw UNMODIFIABLE_ENTITY.exception("Cannot perform the operation on the AWS managed policy " + arn + ".");
        }
        return ownPolicy(tx, ns, parsed, arn, lock).orElseThrow(() -> notFound(arn));
    }

    private Optional<Versioned<StoredPolicy>> ownPolicy(Tx tx, Namespace ns, IamArns.PolicyArn parsed, String arn,
                                                        boolean lock) {
        if (!parsed.account().equals(ns.account())) {
            return Optional.empty();
        }
        Optional<Versioned<StoredPolicy>> p = lock ? store.lock(tx, POLICY, ns, parsed.key())
                : store.get(tx, POLICY, ns, parsed.key());
        return p.filter(v -> v.value().view().arn().equals(arn));
    }

    public void delete(Namespace ns, String arn) {
        store.inTransaction(tx -> {
            Policy p = own(tx, ns, arn, true).value().view();
            String id = p.policyId();
            if (store.count(tx, POLICY_ENTITY, ns, Optional.of(id)) > 0 || store.count(tx, BOUNDARY_USE, ns, Optional.of(id)) > 0) {
                throw DELETE_CONFLICT.exception("Cannot delete a policy attached to entities.");
            }
            List<String> versions = store.ids(tx, POLICY_VERSION, ns, id);
            if (versions.size() > 1) {
                throw DELETE_CONFLICT.exception("This policy has more than one version. Before you delete a policy, you "
                        + "must delete the policy's versions. The default version is deleted with the policy.");
            }
            versions.forEach(v -> store.delete(tx, POLICY_VERSION, ns, v));
            store.delete(tx, POLICY, ns, Principals.key(p.policyName()));
            return null;
        });
    }

    /**
     * ListPolicies: AWS managed policies first, then the account's own, each by name.
     * PolicyUsageFilter keeps policies used that way in the account (UNVERIFIED: AWS documents
     * the filter, not whether it implies OnlyAttached).
     */
    public Paging.Page<Policy> list(Namespace ns, PolicyScopeType scope, boolean onlyAttached, String pathPrefix,
                                    PolicyUsageType usage, Paging paging) {
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        return store.inTransaction(tx -> {
            List<Candidate> candidates = new ArrayList<>();
            if (scope != PolicyScopeType.LOCAL) {
                aws.all().stream().filter(p -> p.path().startsWith(prefix))
                        .forEach(p -> candidates.add(new Candidate("1|" + p.name(), t -> view(t, ns, p))));
            }
            if (scope != PolicyScopeType.AWS) {
                for (StoredPolicy p : store.list(tx, POLICY, ns, Optional.empty(), Optional.empty(), QUOTA.limit()).items()
                        .stream().map(IamStore.Keyed::value).toList()) {
                    if (p.view().path().startsWith(prefix)) {
                        candidates.add(new Candidate("2|" + Principals.key(p.view().policyName()), t -> view(t, ns, p.view())));
                    }
                }
            }
            Paging.Collector<Listed> page = paging.collector(Listed::key);
            for (Candidate c : candidates) {
                if (paging.after().isPresent() && c.key().compareTo(paging.after().get()) <= 0) {
                    continue;
                }
                Policy p = c.view().apply(tx);
                if ((onlyAttached && p.attachmentCount() == 0) || !used(p, usage)) {
                    continue;
                }
                if (!page.add(new Listed(c.key(), p))) {
                    break;
                }
            }
            return page.page().map(Listed::policy);
        });
    }

    private record Listed(String key, Policy policy) {
    }

    private record Candidate(String key, Function<Tx, Policy> view) {
    }

    private static boolean used(Policy p, PolicyUsageType usage) {
        return usage == null || (usage == PolicyUsageType.PERMISSIONS_POLICY ? p.attachmentCount() > 0
                : p.permissionsBoundaryUsageCount() > 0);
    }

    public void tag(Namespace ns, String arn, List<Tag> tags) {
        List<Tag> requested = IamTags.requested(tags);
        retag(ns, arn, current -> IamTags.merged(current, requested));
    }

    public void untag(Namespace ns, String arn, List<String> keys) {
        retag(ns, arn, current -> IamTags.without(current, keys));
    }

    public Paging.Page<Tag> tags(Namespace ns, String arn, Paging paging) {
        Policy p = get(ns, arn);
        return IamTags.page(p.tags(), paging);
    }

    private void retag(Namespace ns, String arn, Function<List<Tag>, List<Tag>> change) {
        store.inRetriedTransaction(tx -> {
            Versioned<StoredPolicy> read = own(tx, ns, arn, false);
            Policy p = read.value().view();
            Policy next = p.toBuilder().tags(IamTags.stored(change.apply(IamTags.orEmpty(p.tags())))).build();
            store.replace(tx, POLICY, ns, Principals.key(p.policyName()), read,
                    new StoredPolicy(next, read.value().versionsCreated()));
        });
    }

    /** An own policy as GetPolicy shows it: with the number of entities it is attached to and bounds. */
    public Policy view(Tx tx, Namespace ns, Policy p) {
        return p.toBuilder().attachmentCount(count(tx, ns, POLICY_ENTITY, p.policyId()))
                .permissionsBoundaryUsageCount(count(tx, ns, BOUNDARY_USE, p.policyId())).build();
    }

    public Policy view(Tx tx, Namespace ns, AwsManagedPolicy p) {
        return Policy.builder().policyName(p.name()).policyId(p.policyId()).arn(p.arn()).path(p.path())
                .defaultVersionId(p.defaultVersionId()).attachmentCount(count(tx, ns, POLICY_ENTITY, p.policyId()))
                .permissionsBoundaryUsageCount(count(tx, ns, BOUNDARY_USE, p.policyId())).isAttachable(true)
                .createDate(p.createDate()).updateDate(p.updateDate()).build();
    }

    private int count(Tx tx, Namespace ns, DocumentType<?> type, String policyId) {
        return (int) store.count(tx, type, ns, Optional.of(policyId));
    }

    public AwsManagedPolicies aws() {
        return aws;
    }

    static AwsException notFound(String arn) {
        return NO_SUCH_ENTITY.exception("Policy " + arn + " was not found.");
    }

    static AwsException notAttachable(String arn) {
        return NO_SUCH_ENTITY.exception("Policy " + arn + " does not exist or is not attachable.");
    }
}
