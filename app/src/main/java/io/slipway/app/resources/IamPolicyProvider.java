package io.slipway.app.resources;

import io.slipway.cloudformation.resource.PhysicalNames;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.slipway.app.resources.IamCalls.Entity.GROUP;
import static io.slipway.app.resources.IamCalls.Entity.ROLE;
import static io.slipway.app.resources.IamCalls.Entity.USER;

/**
 * AWS::IAM::Policy: one inline policy put into each of the roles, users and groups the template
 * names. Ref (and the Id attribute) is an id CloudFormation makes up, in its usual
 * {@code <stack>-<logical id>-<suffix>} form. Everything changes in place: a new name or document
 * is put again, entities the template dropped lose the policy.
 */
final class IamPolicyProvider implements ResourceProvider {
    static final String TYPE = "AWS::IAM::Policy";
    private static final Set<String> PROPERTIES = Set.of("PolicyName", "PolicyDocument", "Roles", "Users", "Groups");
    private final IamCalls iam;

    IamPolicyProvider(IamCalls iam) {
        this.iam = iam;
    }

    /** Where the policy is: each entity it is put into, with its name and document. */
    private record Placement(IamCalls.Entity entity, String name) {
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        ResourceProperties p = properties(request);
        put(request, Map.of(), p);
        String id = PhysicalNames.generate(request, 64);
        return new Provisioned(id, Map.of("Id", id));
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current) {
        put(request, ResourceProperties.of(request.logicalId(), request.previousProperties()).values(), properties(request));
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        ResourceProperties p = properties(request);
        String policy = p.requiredString("PolicyName");
        placements(p).forEach(where -> iam.deletePolicy(request, where.entity(), where.name(), policy));
    }

    /** Takes the previous policy off where it no longer belongs, then puts the current one where it is new or changed. */
    private void put(ResourceRequest request, Map<String, Object> before, ResourceProperties p) {
        ResourceProperties previous = ResourceProperties.of(request.logicalId(), before);
        String name = p.requiredString("PolicyName");
        String document = IamCalls.document(p, "PolicyDocument");
        Set<Placement> now = placements(p);
        if (!before.isEmpty()) {
            String oldName = previous.requiredString("PolicyName");
            for (Placement where : placements(previous)) {
                if (!now.contains(where) || !oldName.equals(name)) {
                    iam.deletePolicy(request, where.entity(), where.name(), oldName);
                }
            }
        }
        boolean same = !before.isEmpty() && previous.requiredString("PolicyName").equals(name)
                && Objects.equals(IamCalls.document(previous, "PolicyDocument"), document);
        Set<Placement> was = before.isEmpty() ? Set.of() : placements(previous);
        for (Placement where : now) {
            if (!same || !was.contains(where)) {
                iam.putPolicy(request, where.entity(), where.name(), name, document);
            }
        }
    }

    private static Set<Placement> placements(ResourceProperties p) {
        Map<String, IamCalls.Entity> kinds = new LinkedHashMap<>();
        kinds.put("Roles", ROLE);
        kinds.put("Users", USER);
        kinds.put("Groups", GROUP);
        Set<Placement> out = new LinkedHashSet<>();
        kinds.forEach((key, entity) -> p.strings(key).forEach(n -> out.add(new Placement(entity, n))));
        return out;
    }

    private static ResourceProperties properties(ResourceRequest request) {
        return ResourceProperties.of(request.logicalId(), request.properties()).only(PROPERTIES);
    }
}
