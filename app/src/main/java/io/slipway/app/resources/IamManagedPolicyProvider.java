package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.iam.CreatePolicyRequest;
import io.slipway.model.iam.CreatePolicyVersionRequest;
import io.slipway.model.iam.DeletePolicyRequest;
import io.slipway.model.iam.DeletePolicyVersionRequest;
import io.slipway.model.iam.GetPolicyRequest;
import io.slipway.model.iam.ListPolicyVersionsRequest;
import io.slipway.model.iam.Policy;
import io.slipway.model.iam.PolicyVersion;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.Documents;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.slipway.app.resources.IamCalls.Entity.GROUP;
import static io.slipway.app.resources.IamCalls.Entity.ROLE;
import static io.slipway.app.resources.IamCalls.Entity.USER;

/**
 * AWS::IAM::ManagedPolicy in Slipway's IAM. Ref is the policy's ARN; its attributes are IAM's
 * (PolicyArn, PolicyId, DefaultVersionId, AttachmentCount, ...). A new ManagedPolicyName, Path or
 * Description replaces the policy; a new document becomes a new default version (older versions
 * are deleted, so the policy never reaches IAM's five); the users, groups and roles it is attached
 * to change in place.
 */
final class IamManagedPolicyProvider implements ResourceProvider {
    static final String TYPE = "AWS::IAM::ManagedPolicy";
    private static final Set<String> PROPERTIES = Set.of("ManagedPolicyName", "Path", "Description", "PolicyDocument",
            "Groups", "Users", "Roles");
    private static final Set<String> REPLACED = Set.of("Path", "Description");
    private static final NameProperty NAME = NameProperty.of("ManagedPolicyName", 128);
    private final IamCalls iam;

    IamManagedPolicyProvider(IamCalls iam) {
        this.iam = iam;
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        ResourceProperties p = properties(request);
        return create(request, p, NAME.forCreate(request, p));
    }

    private Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        ServiceCalls service = iam.service();
        CreatePolicyRequest in = new CreatePolicyRequest(name, p.string("Path").orElse(null),
                IamCalls.document(p, "PolicyDocument"), p.string("Description").orElse(null), null);
        String arn;
        try {
            arn = Policy.fromDocument(Documents.asMap(service.raw(request, "CreatePolicy", in).get("Policy"))).arn();
        } catch (AwsException e) {
            if (HandlerErrorCode.of(e) != HandlerErrorCode.ALREADY_EXISTS || NAME.chosen(p)) {
                throw service.failure(request, e);
            }
            // an earlier attempt of this request made it under its generated name
            arn = "arn:aws:iam::" + request.ns().account() + ":policy" + p.string("Path").orElse("/") + name;
        }
        attach(request, arn, Map.of(), p);
        return provisioned(request, arn);
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current) {
        ResourceProperties p = properties(request);
        ResourceProperties previous = ResourceProperties.of(request.logicalId(), request.previousProperties());
        if (NAME.changed(p, previous) || REPLACED.stream().anyMatch(k -> p.changed(previous, k))) {
            String next = NAME.forReplacement(request, p, current.physicalId());
            if (current.physicalId().endsWith("/" + next)) {
                throw HandlerErrors.customNamedReplacement(request, next);
            }
            return create(request, p, next);
        }
        String arn = current.physicalId();
        if (p.changed(previous, "PolicyDocument")) {
            ServiceCalls service = iam.service();
            PolicyVersion created = service.call(request, "CreatePolicyVersion", new CreatePolicyVersionRequest(arn,
                    IamCalls.document(p, "PolicyDocument"), true), doc -> PolicyVersion.fromDocument(
                    Documents.asMap(doc.get("PolicyVersion"))));
            List<?> versions = service.call(request, "ListPolicyVersions", new ListPolicyVersionsRequest(arn, null, null),
                    doc -> (List<?>) doc.getOrDefault("Versions", List.of()));
            for (Object v : versions) {
                String id = (String) Documents.asMap(v).get("VersionId");
                if (!id.equals(created.versionId())) {
                    service.delete(request, "DeletePolicyVersion", new DeletePolicyVersionRequest(arn, id));
                }
            }
        }
        attach(request, arn, previous.values(), p);
        return provisioned(request, arn);
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        String arn = current.physicalId();
        attach(request, arn, request.properties(), ResourceProperties.of(request.logicalId(), Map.of()));
        iam.service().delete(request, "DeletePolicy", new DeletePolicyRequest(arn));
    }

    /** Attaches the policy to the users, groups and roles the template names, detaching those it dropped. */
    private void attach(ResourceRequest request, String arn, Map<String, Object> before, ResourceProperties p) {
        ResourceProperties previous = ResourceProperties.of(request.logicalId(), before);
        for (var entity : Map.of("Users", USER, "Groups", GROUP, "Roles", ROLE).entrySet()) {
            Set<String> was = new LinkedHashSet<>(previous.strings(entity.getKey()));
            Set<String> now = new LinkedHashSet<>(p.strings(entity.getKey()));
            for (String name : was) {
                if (!now.contains(name)) {
                    iam.syncAttached(request, entity.getValue(), name, Set.of(arn), Set.of());
                }
            }
            for (String name : now) {
                if (!was.contains(name)) {
                    iam.syncAttached(request, entity.getValue(), name, Set.of(), Set.of(arn));
                }
            }
        }
    }

    private Provisioned provisioned(ResourceRequest request, String arn) {
        Policy policy = iam.service().call(request, "GetPolicy", new GetPolicyRequest(arn),
                doc -> Policy.fromDocument(Documents.asMap(doc.get("Policy"))));
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("PolicyArn", policy.arn());
        attributes.put("PolicyId", policy.policyId());
        attributes.put("DefaultVersionId", policy.defaultVersionId());
        attributes.put("AttachmentCount", String.valueOf(policy.attachmentCount()));
        attributes.put("PermissionsBoundaryUsageCount", String.valueOf(policy.permissionsBoundaryUsageCount()));
        attributes.put("IsAttachable", String.valueOf(policy.isAttachable()));
        attributes.put("CreateDate", date(policy.createDate()));
        attributes.put("UpdateDate", date(policy.updateDate()));
        return new Provisioned(policy.arn(), attributes);
    }

    private static String date(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static ResourceProperties properties(ResourceRequest request) {
        return ResourceProperties.of(request.logicalId(), request.properties()).only(PROPERTIES);
    }
}
