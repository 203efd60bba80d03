package io.slipway.iam;

import io.slipway.iam.account.AccountAuthorizationApi;
import io.slipway.iam.group.GroupsApi;
import io.slipway.iam.policy.InlinePoliciesApi;
import io.slipway.iam.policy.PoliciesApi;
import io.slipway.iam.role.InstanceProfilesApi;
import io.slipway.iam.role.RolesApi;
import io.slipway.iam.user.UsersApi;
import io.slipway.model.iam.*;
import io.slipway.model.runtime.RequestContext;

/**
 * IAM's operations, each handed to the part of the service that owns it; operations not listed
 * here answer NotImplemented (the generated interface's default). Handlers never catch: the
 * domain throws IAM's modelled errors and the protocol renders them.
 */
public final class IamApi implements IamHandler {
    private final UsersApi users;
    private final GroupsApi groups;
    private final RolesApi roles;
    private final InstanceProfilesApi instanceProfiles;
    private final PoliciesApi policies;
    private final InlinePoliciesApi inline;
    private final AccountAuthorizationApi authorization;

    public IamApi(UsersApi users, GroupsApi groups, RolesApi roles, InstanceProfilesApi instanceProfiles,
                  PoliciesApi policies, InlinePoliciesApi inline, AccountAuthorizationApi authorization) {
        this.users = users;
        this.groups = groups;
        this.roles = roles;
        this.instanceProfiles = instanceProfiles;
        this.policies = policies;
        this.inline = inline;
        this.authorization = authorization;
    }

    @Override
    public CreateUserResponse createUser(CreateUserRequest input, RequestContext context) {
        return users.createUser(input, context);
    }

    @Override
    public GetUserResponse getUser(GetUserRequest input, RequestContext context) {
        return users.getUser(input, context);
    }

    @Override
    public ListUsersResponse listUsers(ListUsersRequest input, RequestContext context) {
        return users.listUsers(input, context);
    }

    @Override
    public void deleteUser(DeleteUserRequest input, RequestContext context) {
        users.deleteUser(input, context);
    }

    @Override
    public void tagUser(TagUserRequest input, RequestContext context) {
        users.tagUser(input, context);
    }

    @Override
    public void untagUser(UntagUserRequest input, RequestContext context) {
        users.untagUser(input, context);
    }

    @Override
    public ListUserTagsResponse listUserTags(ListUserTagsRequest input, RequestContext context) {
        return users.listUserTags(input, context);
    }

    @Override
    public void putUserPermissionsBoundary(PutUserPermissionsBoundaryRequest input, RequestContext context) {
        users.putUserPermissionsBoundary(input, context);
    }

    @Override
    public void deleteUserPermissionsBoundary(DeleteUserPermissionsBoundaryRequest input, RequestContext context) {
        users.deleteUserPermissionsBoundary(input, context);
    }

    @Override
    public CreateAccessKeyResponse createAccessKey(CreateAccessKeyRequest input, RequestContext context) {
        return users.createAccessKey(input, context);
    }

    @Override
    public ListAccessKeysResponse listAccessKeys(ListAccessKeysRequest input, RequestContext context) {
        return users.listAccessKeys(input, context);
    }

    @Override
    public void updateAccessKey(UpdateAccessKeyRequest input, RequestContext context) {
        users.updateAccessKey(input, context);
    }

    @Override
    public void deleteAccessKey(DeleteAccessKeyRequest input, RequestContext context) {
        users.deleteAccessKey(input, context);
    }

    @Override
    public GetAccessKeyLastUsedResponse getAccessKeyLastUsed(GetAccessKeyLastUsedRequest input, RequestContext context) {
        return users.getAccessKeyLastUsed(input, context);
    }

    @Override
    public CreateGroupResponse createGroup(CreateGroupRequest input, RequestContext context) {
        return groups.createGroup(input, context);
    }

    @Override
    public GetGroupResponse getGroup(GetGroupRequest input, RequestContext context) {
        return groups.getGroup(input, context);
    }

    @Override
    public ListGroupsResponse listGroups(ListGroupsRequest input, RequestContext context) {
        return groups.listGroups(input, context);
    }

    @Override
    public void deleteGroup(DeleteGroupRequest input, RequestContext context) {
        groups.deleteGroup(input, context);
    }

    @Override
    public void addUserToGroup(AddUserToGroupRequest input, RequestContext context) {
        groups.addUserToGroup(input, context);
    }

    @Override
    public void removeUserFromGroup(RemoveUserFromGroupRequest input, RequestContext context) {
        groups.removeUserFromGroup(input, context);
    }

    @Override
    public ListGroupsForUserResponse listGroupsForUser(ListGroupsForUserRequest input, RequestContext context) {
        return groups.listGroupsForUser(input, context);
    }

    @Override
    public CreateRoleResponse createRole(CreateRoleRequest input, RequestContext context) {
        return roles.createRole(input, context);
    }

    @Override
    public GetRoleResponse getRole(GetRoleRequest input, RequestContext context) {
        return roles.getRole(input, context);
    }

    @Override
    public ListRolesResponse listRoles(ListRolesRequest input, RequestContext context) {
        return roles.listRoles(input, context);
    }

    @Override
    public void deleteRole(DeleteRoleRequest input, RequestContext context) {
        roles.deleteRole(input, context);
    }

    @Override
    public UpdateRoleResponse updateRole(UpdateRoleRequest input, RequestContext context) {
        return roles.updateRole(input, context);
    }

    @Override
    public UpdateRoleDescriptionResponse updateRoleDescription(UpdateRoleDescriptionRequest input, RequestContext context) {
        return roles.updateRoleDescription(input, context);
    }

    @Override
    public void updateAssumeRolePolicy(UpdateAssumeRolePolicyRequest input, RequestContext context) {
        roles.updateAssumeRolePolicy(input, context);
    }

    @Override
    public void tagRole(TagRoleRequest input, RequestContext context) {
        roles.tagRole(input, context);
    }

    @Override
    public void untagRole(UntagRoleRequest input, RequestContext context) {
        roles.untagRole(input, context);
    }

    @Override
    public ListRoleTagsResponse listRoleTags(ListRoleTagsRequest input, RequestContext context) {
        return roles.listRoleTags(input, context);
    }

    @Override
    public void putRolePermissionsBoundary(PutRolePermissionsBoundaryRequest input, RequestContext context) {
        roles.putRolePermissionsBoundary(input, context);
    }

    @Override
    public void deleteRolePermissionsBoundary(DeleteRolePermissionsBoundaryRequest input, RequestContext context) {
        roles.deleteRolePermissionsBoundary(input, context);
    }

    @Override
    public CreateServiceLinkedRoleResponse createServiceLinkedRole(CreateServiceLinkedRoleRequest input, RequestContext context) {
        return roles.createServiceLinkedRole(input, context);
    }

    @Override
    public DeleteServiceLinkedRoleResponse deleteServiceLinkedRole(DeleteServiceLinkedRoleRequest input, RequestContext context) {
        return roles.deleteServiceLinkedRole(input, context);
    }

    @Override
    public GetServiceLinkedRoleDeletionStatusResponse getServiceLinkedRoleDeletionStatus(GetServiceLinkedRoleDeletionStatusRequest input, RequestContext context) {
        return roles.getServiceLinkedRoleDeletionStatus(input, context);
    }

    @Override
    public CreateInstanceProfileResponse createInstanceProfile(CreateInstanceProfileRequest input, RequestContext context) {
        return instanceProfiles.createInstanceProfile(input, context);
    }

    @Override
    public GetInstanceProfileResponse getInstanceProfile(GetInstanceProfileRequest input, RequestContext context) {
        return instanceProfiles.getInstanceProfile(input, context);
    }

    @Override
    public void deleteInstanceProfile(DeleteInstanceProfileRequest input, RequestContext context) {
        instanceProfiles.deleteInstanceProfile(input, context);
    }

    @Override
    public ListInstanceProfilesResponse listInstanceProfiles(ListInstanceProfilesRequest input, RequestContext context) {
        return instanceProfiles.listInstanceProfiles(input, context);
    }

    @Override
    public ListInstanceProfilesForRoleResponse listInstanceProfilesForRole(ListInstanceProfilesForRoleRequest input, RequestContext context) {
        return instanceProfiles.listInstanceProfilesForRole(input, context);
    }

    @Override
    public void addRoleToInstanceProfile(AddRoleToInstanceProfileRequest input, RequestContext context) {
        instanceProfiles.addRoleToInstanceProfile(input, context);
    }

    @Override
    public void removeRoleFromInstanceProfile(RemoveRoleFromInstanceProfileRequest input, RequestContext context) {
        instanceProfiles.removeRoleFromInstanceProfile(input, context);
    }

    @Override
    public void tagInstanceProfile(TagInstanceProfileRequest input, RequestContext context) {
        instanceProfiles.tagInstanceProfile(input, context);
    }

    @Override
    public void untagInstanceProfile(UntagInstanceProfileRequest input, RequestContext context) {
        instanceProfiles.untagInstanceProfile(input, context);
    }

    @Override
    public ListInstanceProfileTagsResponse listInstanceProfileTags(ListInstanceProfileTagsRequest input, RequestContext context) {
        return instanceProfiles.listInstanceProfileTags(input, context);
    }

    @Override
    public CreatePolicyResponse createPolicy(CreatePolicyRequest input, RequestContext context) {
        return policies.createPolicy(input, context);
    }

    @Override
    public GetPolicyResponse getPolicy(GetPolicyRequest input, RequestContext context) {
        return policies.getPolicy(input, context);
    }

    @Override
    public void deletePolicy(DeletePolicyRequest input, RequestContext context) {
        policies.deletePolicy(input, context);
    }

    @Override
    public ListPoliciesResponse listPolicies(ListPoliciesRequest input, RequestContext context) {
        return policies.listPolicies(input, context);
    }

    @Override
    public CreatePolicyVersionResponse createPolicyVersion(CreatePolicyVersionRequest input, RequestContext context) {
        return policies.createPolicyVersion(input, context);
    }

    @Override
    public GetPolicyVersionResponse getPolicyVersion(GetPolicyVersionRequest input, RequestContext context) {
        return policies.getPolicyVersion(input, context);
    }

    @Override
    public void deletePolicyVersion(DeletePolicyVersionRequest input, RequestContext context) {
        policies.deletePolicyVersion(input, context);
    }

    @Override
    public ListPolicyVersionsResponse listPolicyVersions(ListPolicyVersionsRequest input, RequestContext context) {
        return policies.listPolicyVersions(input, context);
    }

    @Override
    public void setDefaultPolicyVersion(SetDefaultPolicyVersionRequest input, RequestContext context) {
        policies.setDefaultPolicyVersion(input, context);
    }

    @Override
    public void tagPolicy(TagPolicyRequest input, RequestContext context) {
        policies.tagPolicy(input, context);
    }

    @Override
    public void untagPolicy(UntagPolicyRequest input, RequestContext context) {
        policies.untagPolicy(input, context);
    }

    @Override
    public ListPolicyTagsResponse listPolicyTags(ListPolicyTagsRequest input, RequestContext context) {
        return policies.listPolicyTags(input, context);
    }

    @Override
    public ListEntitiesForPolicyResponse listEntitiesForPolicy(ListEntitiesForPolicyRequest input, RequestContext context) {
        return policies.listEntitiesForPolicy(input, context);
    }

    @Override
    public void attachUserPolicy(AttachUserPolicyRequest input, RequestContext context) {
        policies.attachUserPolicy(input, context);
    }

    @Override
    public void attachGroupPolicy(AttachGroupPolicyRequest input, RequestContext context) {
        policies.attachGroupPolicy(input, context);
    }

    @Override
    public void attachRolePolicy(AttachRolePolicyRequest input, RequestContext context) {
        policies.attachRolePolicy(input, context);
    }

    @Override
    public void detachUserPolicy(DetachUserPolicyRequest input, RequestContext context) {
        policies.detachUserPolicy(input, context);
    }

    @Override
    public void detachGroupPolicy(DetachGroupPolicyRequest input, RequestContext context) {
        policies.detachGroupPolicy(input, context);
    }

    @Override
    public void detachRolePolicy(DetachRolePolicyRequest input, RequestContext context) {
        policies.detachRolePolicy(input, context);
    }

    @Override
    public ListAttachedUserPoliciesResponse listAttachedUserPolicies(ListAttachedUserPoliciesRequest input, RequestContext context) {
        return policies.listAttachedUserPolicies(input, context);
    }

    @Override
    public ListAttachedGroupPoliciesResponse listAttachedGroupPolicies(ListAttachedGroupPoliciesRequest input, RequestContext context) {
        return policies.listAttachedGroupPolicies(input, context);
    }

    @Override
    public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest input, RequestContext context) {
        return policies.listAttachedRolePolicies(input, context);
    }

    @Override
    public void putUserPolicy(PutUserPolicyRequest input, RequestContext context) {
        inline.putUserPolicy(input, context);
    }

    @Override
    public void putGroupPolicy(PutGroupPolicyRequest input, RequestContext context) {
        inline.putGroupPolicy(input, context);
    }

    @Override
    public void putRolePolicy(PutRolePolicyRequest input, RequestContext context) {
        inline.putRolePolicy(input, context);
    }

    @Override
    public GetUserPolicyResponse getUserPolicy(GetUserPolicyRequest input, RequestContext context) {
        return inline.getUserPolicy(input, context);
    }

    @Override
    public GetGroupPolicyResponse getGroupPolicy(GetGroupPolicyRequest input, RequestContext context) {
        return inline.getGroupPolicy(input, context);
    }

    @Override
    public GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest input, RequestContext context) {
        return inline.getRolePolicy(input, context);
    }

    @Override
    public void deleteUserPolicy(DeleteUserPolicyRequest input, RequestContext context) {
        inline.deleteUserPolicy(input, context);
    }

    @Override
    public void deleteGroupPolicy(DeleteGroupPolicyRequest input, RequestContext context) {
        inline.deleteGroupPolicy(input, context);
    }

    @Override
    public void deleteRolePolicy(DeleteRolePolicyRequest input, RequestContext context) {
        inline.deleteRolePolicy(input, context);
    }

    @Override
    public ListUserPoliciesResponse listUserPolicies(ListUserPoliciesRequest input, RequestContext context) {
        return inline.listUserPolicies(input, context);
    }

    @Override
    public ListGroupPoliciesResponse listGroupPolicies(ListGroupPoliciesRequest input, RequestContext context) {
        return inline.listGroupPolicies(input, context);
    }

    @Override
    public ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest input, RequestContext context) {
        return inline.listRolePolicies(input, context);
    }

    @Override
    public GetAccountAuthorizationDetailsResponse getAccountAuthorizationDetails(GetAccountAuthorizationDetailsRequest input, RequestContext context) {
        return authorization.getAccountAuthorizationDetails(input, context);
    }
}
