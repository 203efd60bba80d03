package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.lambda.CreateFunctionRequest;
import io.slipway.model.lambda.DeleteFunctionRequest;
import io.slipway.model.lambda.Environment;
import io.slipway.model.lambda.FunctionCode;
import io.slipway.model.lambda.FunctionConfiguration;
import io.slipway.model.lambda.GetFunctionConfigurationRequest;
import io.slipway.model.lambda.Runtime;
import io.slipway.model.lambda.UpdateFunctionCodeRequest;
import io.slipway.model.lambda.UpdateFunctionConfigurationRequest;

import java.util.Map;
import java.util.Set;

/**
 * AWS::Lambda::Function in Slipway's Lambda. Ref is the function name; Arn the function's ARN.
 * A new FunctionName replaces the function; code and configuration change in place. Properties
 * Slipway's Lambda has no use for locally (networking, layers, tracing, concurrency) are accepted
 * and not applied, so templates written for AWS deploy unchanged.
 */
final class LambdaFunctionProvider extends NamedResourceProvider {
    static final String TYPE = "AWS::Lambda::Function";
    private static final Set<String> APPLIED = Set.of("FunctionName", "Code", "Handler", "Runtime", "Role",
            "Environment", "Timeout", "MemorySize", "Description", "Tags");
    private static final Set<String> ACCEPTED = Set.of("Architectures", "CodeSigningConfigArn", "DeadLetterConfig",
            "EphemeralStorage", "FileSystemConfigs", "ImageConfig", "KmsKeyArn", "Layers", "LoggingConfig", "PackageType",
            "RecursiveLoop", "ReservedConcurrentExecutions", "RuntimeManagementConfig", "SnapStart", "TracingConfig",
            "VpcConfig");
    private static final Set<String> CODE = Set.of("ZipFile", "S3Bucket", "S3Key", "S3ObjectVersion", "ImageUri",
            "SourceKMSKeyArn");
    private static final Set<String> CONFIGURATION = Set.of("Handler", "Runtime", "Role", "Environment", "Timeout",
            "MemorySize", "Description");

    private final ServiceCalls lambda;

    LambdaFunctionProvider(ServiceCalls lambda) {
        super(NameProperty.of("FunctionName", 64), union(APPLIED, ACCEPTED), Set.of());
        this.lambda = lambda;
    }

    @Override
    Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                              Provisioned current) {
        String name = current.physicalId();
        FunctionConfiguration config = null;
        if (CONFIGURATION.stream().anyMatch(k -> p.changed(previous, k))) {
            // a property the template dropped goes back to Lambda's default, as on AWS
            config = lambda.call(request, "UpdateFunctionConfiguration", UpdateFunctionConfigurationRequest.builder()
                    .functionName(name).role(p.requiredString("Role")).handler(p.string("Handler").orElse(null))
                    .runtime(runtime(request, p)).description(p.string("Description").orElse(""))
                    .timeout(p.integer("Timeout").orElse(3)).memorySize(p.integer("MemorySize").orElse(128))
                    .environment(new Environment(variables(p))).build(), FunctionConfiguration::fromDocument);
        }
        if (p.changed(previous, "Code") || p.changed(previous, "Runtime")) {
            FunctionCode code = code(request, p);
            config = lambda.call(request, "UpdateFunctionCode", UpdateFunctionCodeRequest.builder().functionName(name)
                    .zipFile(code.zipFile()).s3Bucket(code.s3Bucket()).s3Key(code.s3Key())
                    .s3ObjectVersion(code.s3ObjectVersion()).build(), FunctionConfiguration::fromDocument);
        }
        return provisioned(config != null ? config : get(request, name));
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        lambda.delete(request, "DeleteFunction", new DeleteFunctionRequest(current.physicalId(), null));
    }

    @Override
    Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        CreateFunctionRequest in = CreateFunctionRequest.builder().functionName(name).role(p.requiredString("Role"))
                .handler(p.string("Handler").orElse(null)).runtime(runtime(request, p)).code(code(request, p))
                .description(p.string("Description").orElse(null)).timeout(p.integer("Timeout").orElse(null))
                .memorySize(p.integer("MemorySize").orElse(null))
                .environment(p.has("Environment") ? new Environment(variables(p)) : null)
                .tags(p.has("Tags") ? p.tags("Tags") : null).build();
        return provisioned(createOrAdopt(request, p, lambda,
                () -> FunctionConfiguration.fromDocument(lambda.raw(request, "CreateFunction", in)),
                () -> get(request, name)));
    }

    private FunctionConfiguration get(ResourceRequest request, String name) {
        return lambda.call(request, "GetFunctionConfiguration", new GetFunctionConfigurationRequest(name, null),
                FunctionConfiguration::fromDocument);
    }

    private static Runtime runtime(ResourceRequest request, ResourceProperties p) {
        return p.string("Runtime").map(r -> ModelValues.enumValue(request, p, "Runtime", r, Runtime.values()))
                .orElse(null);
    }

    private static FunctionCode code(ResourceRequest request, ResourceProperties p) {
        ResourceProperties code = p.requiredObject("Code").only(CODE);
        if (code.has("ImageUri")) {
            throw p.invalid("#/Code/ImageUri: container images are not supported by Slipway; use ZipFile or S3Bucket and S3Key");
        }
        if (code.has("ZipFile")) {
            String runtime = p.string("Runtime").orElse("");
            String file = InlineCode.fileName(runtime).orElseThrow(() -> HandlerErrors.failure(request,
                    "ZipFile can only be used with the Node.js and Python runtimes, not with Runtime '" + runtime + "'",
                    HandlerErrorCode.INVALID_REQUEST));
            return FunctionCode.builder().zipFile(InlineCode.zip(file, code.requiredString("ZipFile"))).build();
        }
        return FunctionCode.builder().s3Bucket(code.string("S3Bucket").orElse(null)).s3Key(code.string("S3Key").orElse(null))
                .s3ObjectVersion(code.string("S3ObjectVersion").orElse(null)).build();
    }

    private static Map<String, String> variables(ResourceProperties p) {
        return p.object("Environment").map(e -> e.only(Set.of("Variables")).stringMap("Variables")).orElse(Map.of());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Set.copyOf(java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
    }

    private static Provisioned provisioned(FunctionConfiguration f) {
        return new Provisioned(f.functionName(), Map.of("Arn", f.functionArn()));
    }
}
