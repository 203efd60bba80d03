package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.iam.CreateGroupRequest;
import io.slipway.model.iam.DeleteGroupRequest;
import io.slipway.model.iam.GetGroupRequest;
import io.slipway.model.iam.Group;
import io.slipway.model.runtime.Documents;

import java.util.Map;
import java.util.Set;

import static io.slipway.app.resources.IamCalls.Entity.GROUP;

/**
 * AWS::IAM::Group in Slipway's IAM. Ref is the group name; Arn its attribute. A new GroupName
 * replaces the group, and so does a new Path (changed in place on AWS, see {@link IamUserProvider});
 * inline policies and managed policy ARNs change in place.
 */
final class IamGroupProvider extends NamedResourceProvider {
    static final String TYPE = "AWS::IAM::Group";
    private final IamCalls iam;

    IamGroupProvider(IamCalls iam) {
        super(NameProperty.of("GroupName", 128), Set.of("GroupName", "Path", "ManagedPolicyArns", "Policies"),
                Set.of("Path"));
        this.iam = iam;
    }

    @Override
    Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        ServiceCalls service = iam.service();
        Group group = createOrAdopt(request, p, service, () -> Group.fromDocument(Documents.asMap(service.raw(request,
                        "CreateGroup", new CreateGroupRequest(p.string("Path").orElse(null), name)).get("Group"))),
                () -> get(request, name));
        iam.syncInline(request, GROUP, name, Map.of(), IamCalls.inlinePolicies(p));
        iam.syncAttached(request, GROUP, name, Set.of(), IamCalls.managedPolicyArns(p));
        return new Provisioned(group.groupName(), Map.of("Arn", group.arn()));
    }

    @Override
    Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                              Provisioned current) {
        String name = current.physicalId();
        iam.syncInline(request, GROUP, name, IamCalls.inlinePolicies(previous), IamCalls.inlinePolicies(p));
        iam.syncAttached(request, GROUP, name, IamCalls.managedPolicyArns(previous), IamCalls.managedPolicyArns(p));
        return new Provisioned(name, Map.of("Arn", get(request, name).arn()));
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        iam.clear(request, GROUP, current.physicalId());
        iam.service().delete(request, "DeleteGroup", new DeleteGroupRequest(current.physicalId()));
    }

    private Group get(ResourceRequest request, String name) {
        return iam.service().call(request, "GetGroup", new GetGroupRequest(name, null, null),
                doc -> Group.fromDocument(Documents.asMap(doc.get("Group"))));
    }
}
