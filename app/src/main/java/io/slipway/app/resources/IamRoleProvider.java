package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.iam.CreateRoleRequest;
import io.slipway.model.iam.DeleteRolePermissionsBoundaryRequest;
import io.slipway.model.iam.DeleteRoleRequest;
import io.slipway.model.iam.GetRoleRequest;
import io.slipway.model.iam.PutRolePermissionsBoundaryRequest;
import io.slipway.model.iam.Role;
import io.slipway.model.iam.TagRoleRequest;
import io.slipway.model.iam.UntagRoleRequest;
import io.slipway.model.iam.UpdateAssumeRolePolicyRequest;
import io.slipway.model.iam.UpdateRoleRequest;
import io.slipway.model.runtime.Documents;

import java.util.Map;
import java.util.Set;

import static io.slipway.app.resources.IamCalls.Entity.ROLE;

/**
 * AWS::IAM::Role in Slipway's IAM. Ref is the role name; Arn and RoleId its attributes. A new
 * RoleName or Path replaces the role; its trust policy, description, maximum session duration,
 * boundary, tags, inline policies and managed policy ARNs change in place, as on AWS.
 */
final class IamRoleProvider extends NamedResourceProvider {
    static final String TYPE = "AWS::IAM::Role";
    private final IamCalls iam;

    IamRoleProvider(IamCalls iam) {
        super(NameProperty.of("RoleName", 64), Set.of("RoleName", "Path", "AssumeRolePolicyDocument", "Description",
                "MaxSessionDuration", "PermissionsBoundary", "ManagedPolicyArns", "Policies", "Tags"), Set.of("Path"));
        this.iam = iam;
    }

    @Override
    Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        ServiceCalls service = iam.service();
        CreateRoleRequest in = new CreateRoleRequest(p.string("Path").orElse(null), name,
                IamCalls.document(p, "AssumeRolePolicyDocument"), p.string("Description").orElse(null),
                p.integer("MaxSessionDuration").orElse(null), p.string("PermissionsBoundary").orElse(null),
                p.has("Tags") ? IamCalls.tags(p) : null);
        Role role = createOrAdopt(request, p, service,
                () -> Role.fromDocument(Documents.asMap(service.raw(request, "CreateRole", in).get("Role"))),
                () -> get(request, name));
        iam.syncInline(request, ROLE, name, Map.of(), IamCalls.inlinePolicies(p));
        iam.syncAttached(request, ROLE, name, Set.of(), IamCalls.managedPolicyArns(p));
        return provisioned(role);
    }

    @Override
    Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                              Provisioned current) {
        String name = current.physicalId();
        ServiceCalls service = iam.service();
        if (p.changed(previous, "AssumeRolePolicyDocument")) {
            service.call(request, "UpdateAssumeRolePolicy",
                    new UpdateAssumeRolePolicyRequest(name, IamCalls.document(p, "AssumeRolePolicyDocument")));
        }
        if (p.changed(previous, "Description") || p.changed(previous, "MaxSessionDuration")) {
            // a property the template dropped goes back to IAM's default
            service.call(request, "UpdateRole", new UpdateRoleRequest(name, p.string("Description").orElse(""),
                    p.integer("MaxSessionDuration").orElse(3600)));
        }
        if (p.changed(previous, "PermissionsBoundary")) {
            if (p.has("PermissionsBoundary")) {
                service.call(request, "PutRolePermissionsBoundary",
                        new PutRolePermissionsBoundaryRequest(name, p.requiredString("PermissionsBoundary")));
            } else {
                service.call(request, "DeleteRolePermissionsBoundary", new DeleteRolePermissionsBoundaryRequest(name));
            }
        }
        iam.retag(request, previous, p, "TagRole", tags -> new TagRoleRequest(name, tags), "UntagRole",
                keys -> new UntagRoleRequest(name, keys));
        iam.syncInline(request, ROLE, name, IamCalls.inlinePolicies(previous), IamCalls.inlinePolicies(p));
        iam.syncAttached(request, ROLE, name, IamCalls.managedPolicyArns(previous), IamCalls.managedPolicyArns(p));
        return provisioned(get(request, name));
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        iam.clear(request, ROLE, current.physicalId());
        iam.service().delete(request, "DeleteRole", new DeleteRoleRequest(current.physicalId()));
    }

    private Role get(ResourceRequest request, String name) {
        return iam.service().call(request, "GetRole", new GetRoleRequest(name),
                doc -> Role.fromDocument(Documents.asMap(doc.get("Role"))));
    }

    private static Provisioned provisioned(Role r) {
        return new Provisioned(r.roleName(), Map.of("Arn", r.arn(), "RoleId", r.roleId()));
    }

}
