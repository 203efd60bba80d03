package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.lambda.DeleteFunctionRequest;
import io.slipway.model.lambda.FunctionConfiguration;
import io.slipway.model.lambda.PublishVersionRequest;

import java.util.Map;
import java.util.Set;

/**
 * AWS::Lambda::Version: publishes the function's current code and configuration as a version.
 * Ref is the version's ARN; the attributes are Version (the number) and FunctionArn. Every
 * property change publishes again; Lambda answers an unchanged function with the version it
 * already has, so a retried create finds the same version and an update that changes nothing
 * keeps it.
 */
final class LambdaVersionProvider implements ResourceProvider {
    static final String TYPE = "AWS::Lambda::Version";
    private static final Set<String> PROPERTIES = Set.of("FunctionName", "Description", "CodeSha256",
            "ProvisionedConcurrencyConfig", "RuntimePolicy", "FunctionScalingConfig");

    private final ServiceCalls lambda;

    LambdaVersionProvider(ServiceCalls lambda) {
        this.lambda = lambda;
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        ResourceProperties p = ResourceProperties.of(request.logicalId(), request.properties()).only(PROPERTIES);
        FunctionConfiguration version = lambda.call(request, "PublishVersion", PublishVersionRequest.builder()
                .functionName(p.requiredString("FunctionName")).description(p.string("Description").orElse(null))
                .codeSha256(p.string("CodeSha256").orElse(null)).build(), FunctionConfiguration::fromDocument);
        String arn = version.functionArn();
        return new Provisioned(arn, Map.of("Version", version.version(),
                "FunctionArn", arn.substring(0, arn.lastIndexOf(':'))));
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current) {
        return create(request);
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        String arn = current.physicalId();
        int colon = arn.lastIndexOf(':');
        lambda.delete(request, "DeleteFunction", new DeleteFunctionRequest(arn.substring(0, colon),
                arn.substring(colon + 1)));
    }
}
