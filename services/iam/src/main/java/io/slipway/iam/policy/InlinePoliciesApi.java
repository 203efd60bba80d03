package io.slipway.iam.policy;

import io.slipway.iam.IamNamespace;
import io.slipway.iam.Paging;
import io.slipway.iam.principal.PrincipalKind;
import io.slipway.iam.store.InlinePolicy;
import io.slipway.model.iam.DeleteGroupPolicyRequest;
import io.slipway.model.iam.DeleteRolePolicyRequest;
import io.slipway.model.iam.DeleteUserPolicyRequest;
import io.slipway.model.iam.GetGroupPolicyRequest;
import io.slipway.model.iam.GetGroupPolicyResponse;
import io.slipway.model.iam.GetRolePolicyRequest;
import io.slipway.model.iam.GetRolePolicyResponse;
import io.slipway.model.iam.GetUserPolicyRequest;
import io.slipway.model.iam.GetUserPolicyResponse;
import io.slipway.model.iam.ListGroupPoliciesRequest;
import io.slipway.model.iam.ListGroupPoliciesResponse;
import io.slipway.model.iam.ListRolePoliciesRequest;
import io.slipway.model.iam.ListRolePoliciesResponse;
import io.slipway.model.iam.ListUserPoliciesRequest;
import io.slipway.model.iam.ListUserPoliciesResponse;
import io.slipway.model.iam.PutGroupPolicyRequest;
import io.slipway.model.iam.PutRolePolicyRequest;
import io.slipway.model.iam.PutUserPolicyRequest;
import io.slipway.model.runtime.RequestContext;

/** Inline policies of users, groups and roles; documents go out URL-encoded, as IAM sends them. */
public final class InlinePoliciesApi {
    private final InlinePolicies inline;

    public InlinePoliciesApi(InlinePolicies inline) {
        this.inline = inline;
    }

    public void putUserPolicy(PutUserPolicyRequest in, RequestContext context) {
        inline.put(IamNamespace.of(context), PrincipalKind.USER, in.userName(), in.policyName(), in.policyDocument());
    }

    public void putGroupPolicy(PutGroupPolicyRequest in, RequestContext context) {
        inline.put(IamNamespace.of(context), PrincipalKind.GROUP, in.groupName(), in.policyName(), in.policyDocument());
    }

    public void putRolePolicy(PutRolePolicyRequest in, RequestContext context) {
        inline.put(IamNamespace.of(context), PrincipalKind.ROLE, in.roleName(), in.policyName(), in.policyDocument());
    }

    public GetUserPolicyResponse getUserPolicy(GetUserPolicyRequest in, RequestContext context) {
        InlinePolicy p = inline.get(IamNamespace.of(context), PrincipalKind.USER, in.userName(), in.policyName());
        return new GetUserPolicyResponse(in.userName(), p.policyName(), PolicyText.encoded(p.policyDocument()));
    }

    public GetGroupPolicyResponse getGroupPolicy(GetGroupPolicyRequest in, RequestContext context) {
        InlinePolicy p = inline.get(IamNamespace.of(context), PrincipalKind.GROUP, in.groupName(), in.policyName());
        return new GetGroupPolicyResponse(in.groupName(), p.policyName(), PolicyText.encoded(p.policyDocument()));
    }

    public GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest in, RequestContext context) {
        InlinePolicy p = inline.get(IamNamespace.of(context), PrincipalKind.ROLE, in.roleName(), in.policyName());
        return new GetRolePolicyResponse(in.roleName(), p.policyName(), PolicyText.encoded(p.policyDocument()));
    }

    public void deleteUserPolicy(DeleteUserPolicyRequest in, RequestContext context) {
        inline.delete(IamNamespace.of(context), PrincipalKind.USER, in.userName(), in.policyName());
    }

    public void deleteGroupPolicy(DeleteGroupPolicyRequest in, RequestContext context) {
        inline.delete(IamNamespace.of(context), PrincipalKind.GROUP, in.groupName(), in.policyName());
    }

    public void deleteRolePolicy(DeleteRolePolicyRequest in, RequestContext context) {
        inline.delete(IamNamespace.of(context), PrincipalKind.ROLE, in.roleName(), in.policyName());
    }

    public ListUserPoliciesResponse listUserPolicies(ListUserPoliciesRequest in, RequestContext context) {
        var page = inline.names(IamNamespace.of(context), PrincipalKind.USER, in.userName(), paging(in.marker(), in.maxItems()));
        return new ListUserPoliciesResponse(page.items(), page.truncated(), page.wireMarker());
    }

    public ListGroupPoliciesResponse listGroupPolicies(ListGroupPoliciesRequest in, RequestContext context) {
        var page = inline.names(IamNamespace.of(context), PrincipalKind.GROUP, in.groupName(), paging(in.marker(), in.maxItems()));
        return new ListGroupPoliciesResponse(page.items(), page.truncated(), page.wireMarker());
    }

    public ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest in, RequestContext context) {
        var page = inline.names(IamNamespace.of(context), PrincipalKind.ROLE, in.roleName(), paging(in.marker(), in.maxItems()));
        return new ListRolePoliciesResponse(page.items(), page.truncated(), page.wireMarker());
    }

    private static Paging paging(String marker, Integer maxItems) {
        return Paging.of("inline-policies", marker, maxItems);
    }
}
