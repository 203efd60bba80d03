package io.slipway.iam.account;

import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.Tx;
import io.slipway.iam.IamNamespace;
import io.slipway.iam.Paging;
import io.slipway.iam.policy.Attachments;
import io.slipway.iam.policy.InlinePolicies;
import io.slipway.iam.policy.ManagedPolicies;
import io.slipway.iam.policy.PolicyText;
import io.slipway.iam.policy.PolicyVersions;
import io.slipway.iam.principal.Principal;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.role.RoleViews;
import io.slipway.iam.store.EntityRef;
import io.slipway.iam.store.IamStore;
import io.slipway.iam.store.InlinePolicy;
import io.slipway.iam.store.StoredPolicy;
import io.slipway.model.iam.EntityType;
import io.slipway.model.iam.GetAccountAuthorizationDetailsRequest;
import io.slipway.model.iam.GetAccountAuthorizationDetailsResponse;
import io.slipway.model.iam.Group;
import io.slipway.model.iam.GroupDetail;
import io.slipway.model.iam.InstanceProfile;
import io.slipway.model.iam.ManagedPolicyDetail;
import io.slipway.model.iam.Policy;
import io.slipway.model.iam.PolicyDetail;
import io.slipway.model.iam.PolicyVersion;
import io.slipway.model.iam.Role;
import io.slipway.model.iam.RoleDetail;
import io.slipway.model.iam.User;
import io.slipway.model.iam.UserDetail;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.RequestContext;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.slipway.iam.store.IamStore.GROUP;
import static io.slipway.iam.store.IamStore.INSTANCE_PROFILE;
import static io.slipway.iam.store.IamStore.POLICY;
import static io.slipway.iam.store.IamStore.ROLE;
import static io.slipway.iam.store.IamStore.ROLE_PROFILE;
import static io.slipway.iam.store.IamStore.USER;
import static io.slipway.iam.store.IamStore.USER_GROUP;

/**
 * GetAccountAuthorizationDetails: the account's users, groups, roles and managed policies (AWS
 * managed ones only where the account attaches them) with everything that hangs off each, read in
 * one transaction. One marker pages through the four lists in that order.
 */
public final class AccountAuthorizationApi {
    private static final int ALL = 10_000;
    private final IamStore store;
    private final InlinePolicies inline;
    private final Attachments attachments;
    private final ManagedPolicies policies;
    private final PolicyVersions versions;

    public AccountAuthorizationApi(IamStore store, InlinePolicies inline, Attachments attachments,
                                   ManagedPolicies policies, PolicyVersions versions) {
        this.store = store;
        this.inline = inline;
        this.attachments = attachments;
        this.policies = policies;
        this.versions = versions;
    }

    private record Entry(String key, AwsStructure detail) {
    }

    public GetAccountAuthorizationDetailsResponse getAccountAuthorizationDetails(GetAccountAuthorizationDetailsRequest in,
                                                                                 RequestContext context) {
        Namespace ns = IamNamespace.of(context);
        Set<EntityType> filter = in.filter() == null || in.filter().isEmpty() ? EnumSet.allOf(EntityType.class)
                : EnumSet.copyOf(in.filter());
        Paging paging = Paging.of("authorization-details", in.marker(), in.maxItems());
        Paging.Page<Entry> page = store.inTransaction(tx -> paging.slice(entries(tx, ns, filter), Entry::key));
        List<UserDetail> users = new ArrayList<>();
        List<GroupDetail> groups = new ArrayList<>();
        List<RoleDetail> roles = new ArrayList<>();
        List<ManagedPolicyDetail> managed = new ArrayList<>();
        for (Entry e : page.items()) {
            switch (e.detail()) {
                case UserDetail u -> users.add(u);
                case GroupDetail g -> groups.add(g);
                case RoleDetail r -> roles.add(r);
                case ManagedPolicyDetail p -> managed.add(p);
                default -> throw new IllegalStateException("not a detail: " + e.detail());
            }
        }
        return new GetAccountAuthorizationDetailsResponse(users, groups, roles, managed, page.truncated(),
                page.wireMarker());
    }

    private List<Entry> entries(Tx tx, Namespace ns, Set<EntityType> filter) {
        List<Entry> out = new ArrayList<>();
        if (filter.contains(EntityType.USER)) {
            all(tx, USER, ns).forEach(k -> out.add(new Entry("1|" + k.id(), user(tx, ns, k.value()))));
        }
        if (filter.contains(EntityType.GROUP)) {
            all(tx, GROUP, ns).forEach(k -> out.add(new Entry("2|" + k.id(), group(tx, ns, k.value()))));
        }
        if (filter.contains(EntityType.ROLE)) {
            all(tx, ROLE, ns).forEach(k -> out.add(new Entry("3|" + k.id(), role(tx, ns, k.value()))));
        }
        if (filter.contains(EntityType.AWS_MANAGED_POLICY)) {
            for (var p : policies.aws().all()) {
                Policy view = policies.view(tx, ns, p);
                if (view.attachmentCount() > 0 || view.permissionsBoundaryUsageCount() > 0) {
                    PolicyVersion v = new PolicyVersion(PolicyText.encoded(p.document()), p.defaultVersionId(), true,
                            p.updateDate());
                    out.add(new Entry("4|" + p.name(), detail(view, List.of(v))));
                }
            }
        }
        if (filter.contains(EntityType.LOCAL_MANAGED_POLICY)) {
            for (IamStore.Keyed<StoredPolicy> k : all(tx, POLICY, ns)) {
                Policy view = policies.view(tx, ns, k.value().view());
                out.add(new Entry("5|" + k.id(), detail(view, versions.all(tx, ns, view))));
            }
        }
        return out;
    }

    private <T extends AwsStructure> List<IamStore.Keyed<T>> all(Tx tx, DocumentType<T> type,
                                                               Namespace ns) {
        return store.list(tx, type, ns, Optional.empty(), Optional.empty(), ALL).items();
    }

    private UserDetail user(Tx tx, Namespace ns, User u) {
        Principal p = Principal.of(u);
        List<String> groups = store.children(tx, USER_GROUP, ns, u.userId()).stream().map(EntityRef::name).toList();
        return UserDetail.builder().path(u.path()).userName(u.userName()).userId(u.userId()).arn(u.arn())
                .createDate(u.createDate()).userPolicyList(details(inline.of(tx, ns, p))).groupList(groups)
                .attachedManagedPolicies(attachments.of(tx, ns, p)).permissionsBoundary(u.permissionsBoundary())
                .tags(u.tags()).build();
    }

    private GroupDetail group(Tx tx, Namespace ns, Group g) {
        Principal p = Principal.of(g);
        return GroupDetail.builder().path(g.path()).groupName(g.groupName()).groupId(g.groupId()).arn(g.arn())
                .createDate(g.createDate()).groupPolicyList(details(inline.of(tx, ns, p)))
                .attachedManagedPolicies(attachments.of(tx, ns, p)).build();
    }

    private RoleDetail role(Tx tx, Namespace ns, Role r) {
        Principal p = Principal.of(r);
        List<InstanceProfile> profiles = store.children(tx, ROLE_PROFILE, ns, r.roleId()).stream()
                .map(ref -> store.get(tx, INSTANCE_PROFILE, ns, Principals.key(ref.name())))
                .flatMap(Optional::stream).map(v -> v.value().toBuilder().roles(List.of(RoleViews.listed(r))).tags(null)
                        .build()).toList();
        return RoleDetail.builder().path(r.path()).roleName(r.roleName()).roleId(r.roleId()).arn(r.arn())
                .createDate(r.createDate()).assumeRolePolicyDocument(PolicyText.encoded(r.assumeRolePolicyDocument()))
                .instanceProfileList(profiles).rolePolicyList(details(inline.of(tx, ns, p)))
                .attachedManagedPolicies(attachments.of(tx, ns, p)).permissionsBoundary(r.permissionsBoundary())
                .tags(r.tags()).build();
    }

    private static List<PolicyDetail> details(List<InlinePolicy> policies) {
        return policies.stream().map(i -> new PolicyDetail(i.policyName(), PolicyText.encoded(i.policyDocument()))).toList();
    }

    private static ManagedPolicyDetail detail(Policy p, List<PolicyVersion> versions) {
        return ManagedPolicyDetail.builder().policyName(p.policyName()).policyId(p.policyId()).arn(p.arn()).path(p.path())
                .defaultVersionId(p.defaultVersionId()).attachmentCount(p.attachmentCount())
                .permissionsBoundaryUsageCount(p.permissionsBoundaryUsageCount()).isAttachable(p.isAttachable())
                .description(p.description()).createDate(p.createDate()).updateDate(p.updateDate())
                .policyVersionList(versions).build();
    }
}
