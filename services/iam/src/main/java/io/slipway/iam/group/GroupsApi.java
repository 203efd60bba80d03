package io.slipway.iam.group;

import io.slipway.core.Namespace;
import io.slipway.iam.IamNamespace;
import io.slipway.iam.Paging;
import io.slipway.iam.store.EntityRef;
import io.slipway.iam.user.Users;
import io.slipway.model.iam.AddUserToGroupRequest;
import io.slipway.model.iam.CreateGroupRequest;
import io.slipway.model.iam.CreateGroupResponse;
import io.slipway.model.iam.DeleteGroupRequest;
import io.slipway.model.iam.GetGroupRequest;
import io.slipway.model.iam.GetGroupResponse;
import io.slipway.model.iam.Group;
import io.slipway.model.iam.ListGroupsForUserRequest;
import io.slipway.model.iam.ListGroupsForUserResponse;
import io.slipway.model.iam.ListGroupsRequest;
import io.slipway.model.iam.ListGroupsResponse;
import io.slipway.model.iam.RemoveUserFromGroupRequest;
import io.slipway.model.iam.User;
import io.slipway.model.runtime.RequestContext;

import java.util.List;
import java.util.Optional;

/** Groups and their members. */
public final class GroupsApi {
    private final Groups groups;
    private final Users users;

    public GroupsApi(Groups groups, Users users) {
        this.groups = groups;
        this.users = users;
    }

    public CreateGroupResponse createGroup(CreateGroupRequest in, RequestContext context) {
        return new CreateGroupResponse(groups.create(IamNamespace.of(context), in.groupName(), in.path()));
    }

    public GetGroupResponse getGroup(GetGroupRequest in, RequestContext context) {
        Namespace ns = IamNamespace.of(context);
        Group group = groups.get(ns, in.groupName());
        Paging.Page<EntityRef> members = groups.members(ns, group, Paging.of("group-users", in.marker(), in.maxItems()));
        List<User> shown = members.items().stream().map(m -> user(ns, m)).flatMap(Optional::stream)
                .map(u -> u.toBuilder().tags(null).permissionsBoundary(null).build()).toList();
        return new GetGroupResponse(group, shown, members.truncated(), members.wireMarker());
    }

    public ListGroupsResponse listGroups(ListGroupsRequest in, RequestContext context) {
        Paging.Page<Group> page = groups.list(IamNamespace.of(context), in.pathPrefix(),
                Paging.of("groups", in.marker(), in.maxItems()));
        return new ListGroupsResponse(page.items(), page.truncated(), page.wireMarker());
    }

    public void deleteGroup(DeleteGroupRequest in, RequestContext context) {
        groups.delete(IamNamespace.of(context), in.groupName());
    }

    public void addUserToGroup(AddUserToGroupRequest in, RequestContext context) {
        groups.addUser(IamNamespace.of(context), in.groupName(), in.userName());
    }

    public void removeUserFromGroup(RemoveUserFromGroupRequest in, RequestContext context) {
        groups.removeUser(IamNamespace.of(context), in.groupName(), in.userName());
    }

    public ListGroupsForUserResponse listGroupsForUser(ListGroupsForUserRequest in, RequestContext context) {
        Namespace ns = IamNamespace.of(context);
        Paging.Page<EntityRef> page = groups.ofUser(ns, in.userName(), Paging.of("user-groups", in.marker(), in.maxItems()));
        List<Group> shown = page.items().stream().map(g -> group(ns, g)).flatMap(Optional::stream).toList();
        return new ListGroupsForUserResponse(shown, page.truncated(), page.wireMarker());
    }

    /** A member as it is now (a reference whose user went away meanwhile is left out). */
    private Optional<User> user(Namespace ns, EntityRef ref) {
        return users.find(ns, ref.name()).filter(u -> u.userId().equals(ref.id()));
    }

    private Optional<Group> group(Namespace ns, EntityRef ref) {
        return groups.find(ns, ref.name()).filter(g -> g.groupId().equals(ref.id()));
    }
}
