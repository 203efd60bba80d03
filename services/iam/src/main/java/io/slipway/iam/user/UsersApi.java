package io.slipway.iam.user;

import io.slipway.iam.IamArns;
import io.slipway.iam.IamNamespace;
import io.slipway.iam.IamTags;
import io.slipway.iam.Paging;
import io.slipway.model.iam.AccessKeyLastUsed;
import io.slipway.model.iam.CreateAccessKeyRequest;
import io.slipway.model.iam.CreateAccessKeyResponse;
import io.slipway.model.iam.CreateUserRequest;
import io.slipway.model.iam.CreateUserResponse;
import io.slipway.model.iam.DeleteAccessKeyRequest;
import io.slipway.model.iam.DeleteUserPermissionsBoundaryRequest;
import io.slipway.model.iam.DeleteUserRequest;
import io.slipway.model.iam.GetAccessKeyLastUsedRequest;
import io.slipway.model.iam.GetAccessKeyLastUsedResponse;
import io.slipway.model.iam.GetUserRequest;
import io.slipway.model.iam.GetUserResponse;
import io.slipway.model.iam.ListAccessKeysRequest;
import io.slipway.model.iam.ListAccessKeysResponse;
import io.slipway.model.iam.ListUserTagsRequest;
import io.slipway.model.iam.ListUserTagsResponse;
import io.slipway.model.iam.ListUsersRequest;
import io.slipway.model.iam.ListUsersResponse;
import io.slipway.model.iam.PutUserPermissionsBoundaryRequest;
import io.slipway.model.iam.TagUserRequest;
import io.slipway.model.iam.UntagUserRequest;
import io.slipway.model.iam.UpdateAccessKeyRequest;
import io.slipway.model.iam.User;
import io.slipway.model.runtime.RequestContext;

import java.util.List;
import java.util.Optional;

/** Users and their access keys: each operation maps its input to the domain and the result to its output. */
public final class UsersApi {
    private final Users users;
    private final AccessKeys keys;
    private final Callers callers;

    public UsersApi(Users users, AccessKeys keys, Callers callers) {
        this.users = users;
        this.keys = keys;
        this.callers = callers;
    }

    public CreateUserResponse createUser(CreateUserRequest in, RequestContext context) {
        return new CreateUserResponse(users.create(IamNamespace.of(context), in.userName(), in.path(),
                in.permissionsBoundary(), in.tags()));
    }

    /** Without a name: the calling user, or the account's root as IAM shows it (its ARN, its account id as UserId). */
    public GetUserResponse getUser(GetUserRequest in, RequestContext context) {
        Optional<String> name = in.userName() != null ? Optional.of(in.userName()) : callers.user(context);
        if (name.isEmpty()) {
            return new GetUserResponse(User.builder().userId(context.accountId())
                    .arn(IamArns.root(context.accountId())).createDate(context.receivedAt()).build());
        }
        return new GetUserResponse(users.get(IamNamespace.of(context), name.get()));
    }

    public ListUsersResponse listUsers(ListUsersRequest in, RequestContext context) {
        Paging.Page<User> page = users.list(IamNamespace.of(context), in.pathPrefix(),
                Paging.of("users", in.marker(), in.maxItems()));
        // ListUsers leaves out tags and permissions boundaries, as IAM does
        return new ListUsersResponse(page.items().stream().map(u -> u.toBuilder().tags(null).permissionsBoundary(null)
                .build()).toList(), page.truncated(), page.wireMarker());
    }

    public void deleteUser(DeleteUserRequest in, RequestContext context) {
        users.delete(IamNamespace.of(context), in.userName());
    }

    public void tagUser(TagUserRequest in, RequestContext context) {
        users.tag(IamNamespace.of(context), in.userName(), in.tags());
    }

    public void untagUser(UntagUserRequest in, RequestContext context) {
        users.untag(IamNamespace.of(context), in.userName(), in.tagKeys());
    }

    public ListUserTagsResponse listUserTags(ListUserTagsRequest in, RequestContext context) {
        User u = users.get(IamNamespace.of(context), in.userName());
        var page = IamTags.page(u.tags(), Paging.of("user-tags", in.marker(), in.maxItems()));
        return new ListUserTagsResponse(page.items(), page.truncated(), page.wireMarker());
    }

    public void putUserPermissionsBoundary(PutUserPermissionsBoundaryRequest in, RequestContext context) {
        users.putBoundary(IamNamespace.of(context), in.userName(), in.permissionsBoundary());
    }

    public void deleteUserPermissionsBoundary(DeleteUserPermissionsBoundaryRequest in, RequestContext context) {
        users.deleteBoundary(IamNamespace.of(context), in.userName());
    }

    public CreateAccessKeyResponse createAccessKey(CreateAccessKeyRequest in, RequestContext context) {
        return new CreateAccessKeyResponse(keys.create(IamNamespace.of(context),
                callers.userOrCaller(in.userName(), context)));
    }

    /** Without a name and with the root's credentials: the root's keys, of which Slipway issues none. */
    public ListAccessKeysResponse listAccessKeys(ListAccessKeysRequest in, RequestContext context) {
        Optional<String> name = in.userName() != null ? Optional.of(in.userName()) : callers.user(context);
        if (name.isEmpty()) {
            return new ListAccessKeysResponse(List.of(), false, null);
        }
        var page = keys.list(IamNamespace.of(context), name.get(), Paging.of("access-keys", in.marker(), in.maxItems()));
        return new ListAccessKeysResponse(page.items(), page.truncated(), page.wireMarker());
    }

    public void updateAccessKey(UpdateAccessKeyRequest in, RequestContext context) {
        keys.update(IamNamespace.of(context), callers.userOrCaller(in.userName(), context), in.accessKeyId(), in.status());
    }

    public void deleteAccessKey(DeleteAccessKeyRequest in, RequestContext context) {
        keys.delete(IamNamespace.of(context), callers.userOrCaller(in.userName(), context), in.accessKeyId());
    }

    /** Slipway does not record key use: every key reads as never used, as IAM shows such a key. */
    public GetAccessKeyLastUsedResponse getAccessKeyLastUsed(GetAccessKeyLastUsedRequest in, RequestContext context) {
        String user = keys.owner(IamNamespace.of(context), in.accessKeyId());
        return new GetAccessKeyLastUsedResponse(user, new AccessKeyLastUsed(null, "N/A", "N/A"));
    }
}
