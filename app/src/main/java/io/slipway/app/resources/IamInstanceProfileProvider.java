package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.iam.AddRoleToInstanceProfileRequest;
import io.slipway.model.iam.CreateInstanceProfileRequest;
import io.slipway.model.iam.DeleteInstanceProfileRequest;
import io.slipway.model.iam.GetInstanceProfileRequest;
import io.slipway.model.iam.InstanceProfile;
import io.slipway.model.iam.RemoveRoleFromInstanceProfileRequest;
import io.slipway.model.runtime.Documents;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS::IAM::InstanceProfile in Slipway's IAM. Ref is the profile's name; Arn its attribute. A new
 * InstanceProfileName or Path replaces it; its (one) role changes in place.
 */
final class IamInstanceProfileProvider extends NamedResourceProvider {
    static final String TYPE = "AWS::IAM::InstanceProfile";
    private final IamCalls iam;

    IamInstanceProfileProvider(IamCalls iam) {
        super(NameProperty.of("InstanceProfileName", 128), Set.of("InstanceProfileName", "Path", "Roles"), Set.of("Path"));
        this.iam = iam;
    }

    @Override
    Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        ServiceCalls service = iam.service();
        List<String> roles = roles(p);
        InstanceProfile profile = createOrAdopt(request, p, service, () -> InstanceProfile.fromDocument(Documents.asMap(
                        service.raw(request, "CreateInstanceProfile",
                                new CreateInstanceProfileRequest(name, p.string("Path").orElse(null), null))
                                .get("InstanceProfile"))),
                () -> get(request, name));
        sync(request, name, profile.roles() == null ? List.of() : profile.roles().stream().map(r -> r.roleName()).toList(),
                roles);
        return new Provisioned(name, Map.of("Arn", profile.arn()));
    }

    @Override
    Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                              Provisioned current) {
        String name = current.physicalId();
        sync(request, name, roles(previous), roles(p));
        return new Provisioned(name, Map.of("Arn", get(request, name).arn()));
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        String name = current.physicalId();
        sync(request, name, roles(properties(request)), List.of());
        iam.service().delete(request, "DeleteInstanceProfile", new DeleteInstanceProfileRequest(name));
    }

    /** Removes the roles the template dropped, then adds the new ones. */
    private void sync(ResourceRequest request, String name, List<String> before, List<String> after) {
        for (String role : before) {
            if (!after.contains(role)) {
                iam.service().delete(request, "RemoveRoleFromInstanceProfile",
                        new RemoveRoleFromInstanceProfileRequest(name, role));
            }
        }
        for (String role : after) {
            if (!before.contains(role)) {
                iam.service().call(request, "AddRoleToInstanceProfile", new AddRoleToInstanceProfileRequest(name, role));
            }
        }
    }

    private static List<String> roles(ResourceProperties p) {
        if (!p.has("Roles")) {
            throw p.missing("Roles");
        }
        return p.strings("Roles");
    }

    private InstanceProfile get(ResourceRequest request, String name) {
        return iam.service().call(request, "GetInstanceProfile", new GetInstanceProfileRequest(name),
                doc -> InstanceProfile.fromDocument(Documents.asMap(doc.get("InstanceProfile"))));
    }
}
