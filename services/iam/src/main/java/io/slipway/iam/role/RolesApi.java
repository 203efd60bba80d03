package io.slipway.iam.role;

import io.slipway.iam.IamNamespace;
import io.slipway.iam.IamTags;
import io.slipway.iam.Paging;
import io.slipway.model.iam.CreateRoleRequest;
import io.slipway.model.iam.CreateRoleResponse;
import io.slipway.model.iam.CreateServiceLinkedRoleRequest;
import io.slipway.model.iam.CreateServiceLinkedRoleResponse;
import io.slipway.model.iam.DeleteRolePermissionsBoundaryRequest;
import io.slipway.model.iam.DeleteRoleRequest;
import io.slipway.model.iam.DeleteServiceLinkedRoleRequest;
import io.slipway.model.iam.DeleteServiceLinkedRoleResponse;
import io.slipway.model.iam.GetRoleRequest;
import io.slipway.model.iam.GetRoleResponse;
import io.slipway.model.iam.GetServiceLinkedRoleDeletionStatusRequest;
import io.slipway.model.iam.GetServiceLinkedRoleDeletionStatusResponse;
import io.slipway.model.iam.ListRoleTagsRequest;
import io.slipway.model.iam.ListRoleTagsResponse;
import io.slipway.model.iam.ListRolesRequest;
import io.slipway.model.iam.ListRolesResponse;
import io.slipway.model.iam.PutRolePermissionsBoundaryRequest;
import io.slipway.model.iam.Role;
import io.slipway.model.iam.TagRoleRequest;
import io.slipway.model.iam.UntagRoleRequest;
import io.slipway.model.iam.UpdateAssumeRolePolicyRequest;
import io.slipway.model.iam.UpdateRoleDescriptionRequest;
import io.slipway.model.iam.UpdateRoleDescriptionResponse;
import io.slipway.model.iam.UpdateRoleRequest;
import io.slipway.model.iam.UpdateRoleResponse;
import io.slipway.model.runtime.RequestContext;

/** Roles, service-linked roles included. */
public final class RolesApi {
    private final Roles roles;
    private final ServiceLinkedRoles serviceLinked;

    public RolesApi(Roles roles, ServiceLinkedRoles serviceLinked) {
        this.roles = roles;
        this.serviceLinked = serviceLinked;
    }

    public CreateRoleResponse createRole(CreateRoleRequest in, RequestContext context) {
        Role role = roles.create(IamNamespace.of(context), new Roles.NewRole(in.roleName(), in.path(),
                in.assumeRolePolicyDocument(), in.description(), in.maxSessionDuration(), in.permissionsBoundary(),
                in.tags()));
        return new CreateRoleResponse(RoleViews.shown(role));
    }

    public GetRoleResponse getRole(GetRoleRequest in, RequestContext context) {
        return new GetRoleResponse(RoleViews.shown(roles.get(IamNamespace.of(context), in.roleName())));
    }

    public ListRolesResponse listRoles(ListRolesRequest in, RequestContext context) {
        Paging.Page<Role> page = roles.list(IamNamespace.of(context), in.pathPrefix(),
                Paging.of("roles", in.marker(), in.maxItems()));
        return new ListRolesResponse(page.items().stream().map(RoleViews::listed).toList(), page.truncated(),
                page.wireMarker());
    }

    public void deleteRole(DeleteRoleRequest in, RequestContext context) {
        roles.delete(IamNamespace.of(context), in.roleName());
    }

    public UpdateRoleResponse updateRole(UpdateRoleRequest in, RequestContext context) {
        roles.update(IamNamespace.of(context), in.roleName(), in.description(), in.maxSessionDuration());
        return new UpdateRoleResponse();
    }

    public UpdateRoleDescriptionResponse updateRoleDescription(UpdateRoleDescriptionRequest in, RequestContext context) {
        return new UpdateRoleDescriptionResponse(RoleViews.shown(
                roles.updateDescription(IamNamespace.of(context), in.roleName(), in.description())));
    }

    public void updateAssumeRolePolicy(UpdateAssumeRolePolicyRequest in, RequestContext context) {
        roles.updateTrustPolicy(IamNamespace.of(context), in.roleName(), in.policyDocument());
    }

    public void tagRole(TagRoleRequest in, RequestContext context) {
        roles.tag(IamNamespace.of(context), in.roleName(), in.tags());
    }

    public void untagRole(UntagRoleRequest in, RequestContext context) {
        roles.untag(IamNamespace.of(context), in.roleName(), in.tagKeys());
    }

    public ListRoleTagsResponse listRoleTags(ListRoleTagsRequest in, RequestContext context) {
        Role r = roles.get(IamNamespace.of(context), in.roleName());
        var page = IamTags.page(r.tags(), Paging.of("role-tags", in.marker(), in.maxItems()));
        return new ListRoleTagsResponse(page.items(), page.truncated(), page.wireMarker());
    }

    public void putRolePermissionsBoundary(PutRolePermissionsBoundaryRequest in, RequestContext context) {
        roles.putBoundary(IamNamespace.of(context), in.roleName(), in.permissionsBoundary());
    }

    public void deleteRolePermissionsBoundary(DeleteRolePermissionsBoundaryRequest in, RequestContext context) {
        roles.deleteBoundary(IamNamespace.of(context), in.roleName());
    }

    public CreateServiceLinkedRoleResponse createServiceLinkedRole(CreateServiceLinkedRoleRequest in,
                                                                   RequestContext context) {
        return new CreateServiceLinkedRoleResponse(RoleViews.shown(serviceLinked.create(IamNamespace.of(context),
                in.awsServiceName(), in.description(), in.customSuffix())));
    }

    public DeleteServiceLinkedRoleResponse deleteServiceLinkedRole(DeleteServiceLinkedRoleRequest in,
                                                                   RequestContext context) {
        return new DeleteServiceLinkedRoleResponse(serviceLinked.delete(IamNamespace.of(context), in.roleName()));
    }

    public GetServiceLinkedRoleDeletionStatusResponse getServiceLinkedRoleDeletionStatus(
            GetServiceLinkedRoleDeletionStatusRequest in, RequestContext context) {
        return new GetServiceLinkedRoleDeletionStatusResponse(
                serviceLinked.status(IamNamespace.of(context), in.deletionTaskId()), null);
    }
}
