package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.iam.AccessKey;
import io.slipway.model.iam.CreateAccessKeyRequest;
import io.slipway.model.iam.DeleteAccessKeyRequest;
import io.slipway.model.iam.StatusType;
import io.slipway.model.iam.UpdateAccessKeyRequest;
import io.slipway.model.runtime.Documents;

import java.util.Map;
import java.util.Set;

/**
 * AWS::IAM::AccessKey in Slipway's IAM. Ref is the access key id; SecretAccessKey its attribute
 * (kept with the stack's resource, as CloudFormation keeps it). A new UserName or Serial makes a
 * new key; Status changes in place. A key made by an attempt that died before the stack recorded
 * it is not found again (IAM shows no secret twice): the user then holds one key more.
 */
final class IamAccessKeyProvider implements ResourceProvider {
    static final String TYPE = "AWS::IAM::AccessKey";
    private static final Set<String> PROPERTIES = Set.of("UserName", "Serial", "Status");
    private final IamCalls iam;

    IamAccessKeyProvider(IamCalls iam) {
        this.iam = iam;
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        ResourceProperties p = properties(request);
        String user = p.requiredString("UserName");
        StatusType status = status(request, p);
        p.integer("Serial");
        AccessKey key = iam.service().call(request, "CreateAccessKey", new CreateAccessKeyRequest(user),
                doc -> AccessKey.fromDocument(Documents.asMap(doc.get("AccessKey"))));
        if (status == StatusType.INACTIVE) {
            iam.service().call(request, "UpdateAccessKey", new UpdateAccessKeyRequest(user, key.accessKeyId(), status));
        }
        return new Provisioned(key.accessKeyId(), Map.of("SecretAccessKey", key.secretAccessKey(),
                "Id", key.accessKeyId()));
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current) {
        ResourceProperties p = properties(request);
        ResourceProperties previous = ResourceProperties.of(request.logicalId(), request.previousProperties());
        if (p.changed(previous, "UserName") || p.changed(previous, "Serial")) {
            return create(request);
        }
        iam.service().call(request, "UpdateAccessKey",
                new UpdateAccessKeyRequest(p.requiredString("UserName"), current.physicalId(), status(request, p)));
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        iam.service().delete(request, "DeleteAccessKey",
                new DeleteAccessKeyRequest(properties(request).requiredString("UserName"), current.physicalId()));
    }

    private static StatusType status(ResourceRequest request, ResourceProperties p) {
        return p.string("Status").map(s -> ModelValues.enumValue(request, p, "Status", s,
                new StatusType[]{StatusType.ACTIVE, StatusType.INACTIVE})).orElse(StatusType.ACTIVE);
    }

    private static ResourceProperties properties(ResourceRequest request) {
        return ResourceProperties.of(request.logicalId(), request.properties()).only(PROPERTIES);
    }
}
