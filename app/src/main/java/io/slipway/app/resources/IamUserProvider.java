package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.iam.CreateUserRequest;
import io.slipway.model.iam.DeleteUserPermissionsBoundaryRequest;
import io.slipway.model.iam.DeleteUserRequest;
import io.slipway.model.iam.GetUserRequest;
import io.slipway.model.iam.PutUserPermissionsBoundaryRequest;
import io.slipway.model.iam.TagUserRequest;
import io.slipway.model.iam.UntagUserRequest;
import io.slipway.model.iam.User;
import io.slipway.model.runtime.Documents;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.slipway.app.resources.IamCalls.Entity.USER;

/**
 * AWS::IAM::User in Slipway's IAM. Ref is the user name; Arn its attribute. A new UserName
 * replaces the user, and so does a new Path (AWS changes a path in place; Slipway's IAM does not
 * rename or move users yet). Groups, inline policies, managed policy ARNs, the boundary and tags
 * change in place. LoginProfile is accepted and not applied: Slipway has no console to sign in to.
 */
final class IamUserProvider extends NamedResourceProvider {
    static final String TYPE = "AWS::IAM::User";
    private final IamCalls iam;

    IamUserProvider(IamCalls iam) {
        super(NameProperty.of("UserName", 64), Set.of("UserName", "Path", "Groups", "LoginProfile", "ManagedPolicyArns",
                "PermissionsBoundary", "Policies", "Tags"), Set.of("Path"));
        this.iam = iam;
    }

    @Override
    Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        ServiceCalls service = iam.service();
        CreateUserRequest in = new CreateUserRequest(p.string("Path").orElse(null), name,
                p.string("PermissionsBoundary").orElse(null), p.has("Tags") ? IamCalls.tags(p) : null);
        User user = createOrAdopt(request, p, service,
                () -> User.fromDocument(Documents.asMap(service.raw(request, "CreateUser", in).get("User"))),
                () -> get(request, name));
        iam.syncMemberships(request, Set.of(), memberships(p, name));
        iam.syncInline(request, USER, name, Map.of(), IamCalls.inlinePolicies(p));
        iam.syncAttached(request, USER, name, Set.of(), IamCalls.managedPolicyArns(p));
        return new Provisioned(user.userName(), Map.of("Arn", user.arn()));
    }

    @Override
    Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                              Provisioned current) {
        String name = current.physicalId();
        if (p.changed(previous, "PermissionsBoundary")) {
            if (p.has("PermissionsBoundary")) {
                iam.service().call(request, "PutUserPermissionsBoundary",
                        new PutUserPermissionsBoundaryRequest(name, p.requiredString("PermissionsBoundary")));
            } else {
                iam.service().call(request, "DeleteUserPermissionsBoundary", new DeleteUserPermissionsBoundaryRequest(name));
            }
        }
        iam.retag(request, previous, p, "TagUser", tags -> new TagUserRequest(name, tags), "UntagUser",
                keys -> new UntagUserRequest(name, keys));
        iam.syncMemberships(request, memberships(previous, name), memberships(p, name));
        iam.syncInline(request, USER, name, IamCalls.inlinePolicies(previous), IamCalls.inlinePolicies(p));
        iam.syncAttached(request, USER, name, IamCalls.managedPolicyArns(previous), IamCalls.managedPolicyArns(p));
        return new Provisioned(name, Map.of("Arn", get(request, name).arn()));
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        String name = current.physicalId();
        iam.syncMemberships(request, memberships(properties(request), name), Set.of());
        iam.clear(request, USER, name);
        iam.service().delete(request, "DeleteUser", new DeleteUserRequest(name));
    }

    private static Set<IamCalls.Membership> memberships(ResourceProperties p, String user) {
        return p.strings("Groups").stream().map(g -> new IamCalls.Membership(g, user)).collect(Collectors.toSet());
    }

    private User get(ResourceRequest request, String name) {
        return iam.service().call(request, "GetUser", new GetUserRequest(name),
                doc -> User.fromDocument(Documents.asMap(doc.get("User"))));
    }
}
