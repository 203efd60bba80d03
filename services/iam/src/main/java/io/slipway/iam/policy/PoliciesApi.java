package io.slipway.iam.policy;

import io.slipway.iam.IamNamespace;
import io.slipway.iam.Paging;
import io.slipway.iam.principal.PrincipalKind;
import io.slipway.iam.store.EntityRef;
import io.slipway.model.iam.AttachGroupPolicyRequest;
import io.slipway.model.iam.AttachRolePolicyRequest;
import io.slipway.model.iam.AttachUserPolicyRequest;
import io.slipway.model.iam.AttachedPolicy;
import io.slipway.model.iam.CreatePolicyRequest;
import io.slipway.model.iam.CreatePolicyResponse;
import io.slipway.model.iam.CreatePolicyVersionRequest;
import io.slipway.model.iam.CreatePolicyVersionResponse;
import io.slipway.model.iam.DeletePolicyRequest;
import io.slipway.model.iam.DeletePolicyVersionRequest;
import io.slipway.model.iam.DetachGroupPolicyRequest;
import io.slipway.model.iam.DetachRolePolicyRequest;
import io.slipway.model.iam.DetachUserPolicyRequest;
import io.slipway.model.iam.GetPolicyRequest;
import io.slipway.model.iam.GetPolicyResponse;
import io.slipway.model.iam.GetPolicyVersionRequest;
import io.slipway.model.iam.GetPolicyVersionResponse;
import io.slipway.model.iam.ListAttachedGroupPoliciesRequest;
import io.slipway.model.iam.ListAttachedGroupPoliciesResponse;
import io.slipway.model.iam.ListAttachedRolePoliciesRequest;
import io.slipway.model.iam.ListAttachedRolePoliciesResponse;
import io.slipway.model.iam.ListAttachedUserPoliciesRequest;
import io.slipway.model.iam.ListAttachedUserPoliciesResponse;
import io.slipway.model.iam.ListEntitiesForPolicyRequest;
import io.slipway.model.iam.ListEntitiesForPolicyResponse;
import io.slipway.model.iam.ListPoliciesRequest;
import io.slipway.model.iam.ListPoliciesResponse;
import io.slipway.model.iam.ListPolicyTagsRequest;
import io.slipway.model.iam.ListPolicyTagsResponse;
import io.slipway.model.iam.ListPolicyVersionsRequest;
import io.slipway.model.iam.ListPolicyVersionsResponse;
import io.slipway.model.iam.Policy;
import io.slipway.model.iam.PolicyGroup;
import io.slipway.model.iam.PolicyRole;
import io.slipway.model.iam.PolicyScopeType;
import io.slipway.model.iam.PolicyUser;
import io.slipway.model.iam.SetDefaultPolicyVersionRequest;
import io.slipway.model.iam.TagPolicyRequest;
import io.slipway.model.iam.UntagPolicyRequest;
import io.slipway.model.runtime.RequestContext;

import java.util.List;

/** Managed policies, their versions and tags, and their attachment to users, groups and roles. */
public final class PoliciesApi {
    private final ManagedPolicies policies;
    private final PolicyVersions versions;
    private final Attachments attachments;

    public PoliciesApi(ManagedPolicies policies, PolicyVersions versions, Attachments attachments) {
        this.policies = policies;
        this.versions = versions;
        this.attachments = attachments;
    }

    public CreatePolicyResponse createPolicy(CreatePolicyRequest in, RequestContext context) {
        return new CreatePolicyResponse(policies.create(IamNamespace.of(context), in.policyName(), in.path(),
                in.policyDocument(), in.description(), in.tags()));
    }

    public GetPolicyResponse getPolicy(GetPolicyRequest in, RequestContext context) {
        return new GetPolicyResponse(policies.get(IamNamespace.of(context), in.policyArn()));
    }

    public void deletePolicy(DeletePolicyRequest in, RequestContext context) {
        policies.delete(IamNamespace.of(context), in.policyArn());
    }

    public ListPoliciesResponse listPolicies(ListPoliciesRequest in, RequestContext context) {
        Paging.Page<Policy> page = policies.list(IamNamespace.of(context),
                in.scope() == null ? PolicyScopeType.ALL : in.scope(), Boolean.TRUE.equals(in.onlyAttached()),
                in.pathPrefix(), in.policyUsageFilter(), Paging.of("policies", in.marker(), in.maxItems()));
        // ListPolicies leaves out descriptions and tags, as IAM does
        return new ListPoliciesResponse(page.items().stream().map(p -> p.toBuilder().description(null).tags(null).build())
                .toList(), page.truncated(), page.wireMarker());
    }

    public CreatePolicyVersionResponse createPolicyVersion(CreatePolicyVersionRequest in, RequestContext context) {
        return new CreatePolicyVersionResponse(versions.create(IamNamespace.of(context), in.policyArn(),
                in.policyDocument(), Boolean.TRUE.equals(in.setAsDefault())));
    }

    public GetPolicyVersionResponse getPolicyVersion(GetPolicyVersionRequest in, RequestContext context) {
        return new GetPolicyVersionResponse(versions.get(IamNamespace.of(context), in.policyArn(), in.versionId()));
    }

    public void deletePolicyVersion(DeletePolicyVersionRequest in, RequestContext context) {
        versions.delete(IamNamespace.of(context), in.policyArn(), in.versionId());
    }

    public ListPolicyVersionsResponse listPolicyVersions(ListPolicyVersionsRequest in, RequestContext context) {
        var page = versions.list(IamNamespace.of(context), in.policyArn(),
                Paging.of("policy-versions", in.marker(), in.maxItems()));
        return new ListPolicyVersionsResponse(page.items(), page.truncated(), page.wireMarker());
    }

    public void setDefaultPolicyVersion(SetDefaultPolicyVersionRequest in, RequestContext context) {
        versions.setDefault(IamNamespace.of(context), in.policyArn(), in.versionId());
    }

    public void tagPolicy(TagPolicyRequest in, RequestContext context) {
        policies.tag(IamNamespace.of(context), in.policyArn(), in.tags());
    }

    public void untagPolicy(UntagPolicyRequest in, RequestContext context) {
        policies.untag(IamNamespace.of(context), in.policyArn(), in.tagKeys());
    }

    public ListPolicyTagsResponse listPolicyTags(ListPolicyTagsRequest in, RequestContext context) {
        var page = policies.tags(IamNamespace.of(context), in.policyArn(),
                Paging.of("policy-tags", in.marker(), in.maxItems()));
        return new ListPolicyTagsResponse(page.items(), page.truncated(), page.wireMarker());
    }

    public ListEntitiesForPolicyResponse listEntitiesForPolicy(ListEntitiesForPolicyRequest in, RequestContext context) {
        Paging.Page<EntityRef> page = attachments.entities(IamNamespace.of(context), in.policyArn(), in.entityFilter(),
                in.pathPrefix(), in.policyUsageFilter(), Paging.of("policy-entities", in.marker(), in.maxItems()));
        List<EntityRef> refs = page.items();
        return new ListEntitiesForPolicyResponse(
                refs.stream().filter(r -> r.type().equals("Group")).map(r -> new PolicyGroup(r.name(), r.id())).toList(),
                refs.stream().filter(r -> r.type().equals("User")).map(r -> new PolicyUser(r.name(), r.id())).toList(),
                refs.stream().filter(r -> r.type().equals("Role")).map(r -> new PolicyRole(r.name(), r.id())).toList(),
                page.truncated(), page.wireMarker());
    }

    public void attachUserPolicy(AttachUserPolicyRequest in, RequestContext context) {
        attachments.attach(IamNamespace.of(context), PrincipalKind.USER, in.userName(), in.policyArn());
    }

    public void attachGroupPolicy(AttachGroupPolicyRequest in, RequestContext context) {
        attachments.attach(IamNamespace.of(context), PrincipalKind.GROUP, in.groupName(), in.policyArn());
    }

    public void attachRolePolicy(AttachRolePolicyRequest in, RequestContext context) {
        attachments.attach(IamNamespace.of(context), PrincipalKind.ROLE, in.roleName(), in.policyArn());
    }

    public void detachUserPolicy(DetachUserPolicyRequest in, RequestContext context) {
        attachments.detach(IamNamespace.of(context), PrincipalKind.USER, in.userName(), in.policyArn());
    }

    public void detachGroupPolicy(DetachGroupPolicyRequest in, RequestContext context) {
        attachments.detach(IamNamespace.of(context), PrincipalKind.GROUP, in.groupName(), in.policyArn());
    }

    public void detachRolePolicy(DetachRolePolicyRequest in, RequestContext context) {
        attachments.detach(IamNamespace.of(context), PrincipalKind.ROLE, in.roleName(), in.policyArn());
    }

    public ListAttachedUserPoliciesResponse listAttachedUserPolicies(ListAttachedUserPoliciesRequest in,
                                                                     RequestContext context) {
        Paging.Page<AttachedPolicy> page = attached(context, PrincipalKind.USER, in.userName(), in.pathPrefix(),
                in.marker(), in.maxItems());
        return new ListAttachedUserPoliciesResponse(page.items(), page.truncated(), page.wireMarker());
    }

    public ListAttachedGroupPoliciesResponse listAttachedGroupPolicies(ListAttachedGroupPoliciesRequest in,
                                                                       RequestContext context) {
        Paging.Page<AttachedPolicy> page = attached(context, PrincipalKind.GROUP, in.groupName(), in.pathPrefix(),
                in.marker(), in.maxItems());
        return new ListAttachedGroupPoliciesResponse(page.items(), page.truncated(), page.wireMarker());
    }

    public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest in,
                                                                     RequestContext context) {
        Paging.Page<AttachedPolicy> page = attached(context, PrincipalKind.ROLE, in.roleName(), in.pathPrefix(),
                in.marker(), in.maxItems());
        return new ListAttachedRolePoliciesResponse(page.items(), page.truncated(), page.wireMarker());
    }

    private Paging.Page<AttachedPolicy> attached(RequestContext context, PrincipalKind kind, String name,
                                                 String pathPrefix, String marker, Integer maxItems) {
        return attachments.list(IamNamespace.of(context), kind, name, pathPrefix,
                Paging.of("attached-" + kind.noun() + "-policies", marker, maxItems));
    }
}
