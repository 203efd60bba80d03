package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;

import java.util.Map;
import java.util.Set;

import static io.slipway.app.resources.IamCalls.Entity.ROLE;

/**
 * AWS::IAM::RolePolicy: one inline policy of one role. Its id (what Ref answers, UNVERIFIED) is
 * {@code <PolicyName>|<RoleName>}, the type's primary identifier as Cloud Control writes it. A new
 * PolicyName or RoleName makes a new policy (the old one is deleted once the update is done); a
 * new document is put in place.
 */
final class IamRolePolicyProvider implements ResourceProvider {
    static final String TYPE = "AWS::IAM::RolePolicy";
    private static final Set<String> PROPERTIES = Set.of("PolicyName", "RoleName", "PolicyDocument");
    private final IamCalls iam;

    IamRolePolicyProvider(IamCalls iam) {
        this.iam = iam;
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        ResourceProperties p = ResourceProperties.of(request.logicalId(), request.properties()).only(PROPERTIES);
        String policy = p.requiredString("PolicyName");
        String role = p.requiredString("RoleName");
        iam.putPolicy(request, ROLE, role, policy, IamCalls.document(p, "PolicyDocument"));
        return new Provisioned(policy + "|" + role, Map.of());
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current) {
        return create(request);
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        String id = current.physicalId();
        int bar = id.indexOf('|');
        iam.deletePolicy(request, ROLE, id.substring(bar + 1), id.substring(0, bar));
    }
}
