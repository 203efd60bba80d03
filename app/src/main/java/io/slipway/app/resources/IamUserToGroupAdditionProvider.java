package io.slipway.app.resources;

import io.slipway.cloudformation.resource.PhysicalNames;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AWS::IAM::UserToGroupAddition: users added to a group. Ref (and Id) is an id CloudFormation
 * makes up; the group and its users change in place.
 */
final class IamUserToGroupAdditionProvider implements ResourceProvider {
    static final String TYPE = "AWS::IAM::UserToGroupAddition";
    private static final Set<String> PROPERTIES = Set.of("GroupName", "Users");
    private final IamCalls iam;

    IamUserToGroupAdditionProvider(IamCalls iam) {
        this.iam = iam;
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        iam.syncMemberships(request, Set.of(), memberships(request.logicalId(), request.properties()));
        String id = PhysicalNames.generate(request, 64);
        return new Provisioned(id, Map.of("Id", id));
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current) {
        iam.syncMemberships(request, memberships(request.logicalId(), request.previousProperties()),
                memberships(request.logicalId(), request.properties()));
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        iam.syncMemberships(request, memberships(request.logicalId(), request.properties()), Set.of());
    }

    private static Set<IamCalls.Membership> memberships(String logicalId, Map<String, Object> properties) {
        ResourceProperties p = ResourceProperties.of(logicalId, properties).only(PROPERTIES);
        String group = p.requiredString("GroupName");
        if (!p.has("Users")) {
            throw p.missing("Users");
        }
        return p.strings("Users").stream().map(u -> new IamCalls.Membership(group, u)).collect(Collectors.toSet());
    }
}
