package io.slipway.lambda;

import io.slipway.core.Namespace;
import io.slipway.lambda.functions.Aliases;
import io.slipway.lambda.functions.Functions;
import io.slipway.lambda.invoke.ClientContexts;
import io.slipway.lambda.invoke.Invocations;
import io.slipway.model.lambda.*;
import io.slipway.model.runtime.RequestContext;

import java.util.List;
import java.util.function.Supplier;

/** The Lambda operations Slipway serves: functions, versions, aliases and Invoke. */
public final class LambdaApi implements LambdaHandler {
    private final Functions functions;
    private final Aliases aliases;
    private final Invocations invocations;
    private final Supplier<String> endpoint;

    public LambdaApi(Functions functions, Aliases aliases, Invocations invocations, Supplier<String> endpoint) {
        this.functions = functions;
        this.aliases = aliases;
        this.invocations = invocations;
        this.endpoint = endpoint;
    }

    @Override
    public FunctionConfiguration createFunction(CreateFunctionRequest in, RequestContext ctx) {
        return functions.create(Namespace.of(ctx), in);
    }

    @Override
    public GetFunctionResponse getFunction(GetFunctionRequest in, RequestContext ctx) {
        FunctionConfiguration config = functions.get(Namespace.of(ctx), in.functionName(), in.qualifier());
        return GetFunctionResponse.builder().configuration(config).code(FunctionCodeLocation.builder().repositoryType("S3")
                .location(endpoint.get() + CodeEndpoint.PATH + "?sha256=" + java.net.URLEncoder.encode(config.codeSha256(),
                        java.nio.charset.StandardCharsets.UTF_8)).build()).build();
    }

    @Override
    public FunctionConfiguration getFunctionConfiguration(GetFunctionConfigurationRequest in, RequestContext ctx) {
        return functions.get(Namespace.of(ctx), in.functionName(), in.qualifier());
    }

    @Override
    public ListFunctionsResponse listFunctions(ListFunctionsRequest in, RequestContext ctx) {
        Functions.Page page = functions.list(Namespace.of(ctx), in.marker(), in.maxItems());
        return new ListFunctionsResponse(page.nextMarker(), page.functions());
    }

    @Override
    public FunctionConfiguration updateFunctionCode(UpdateFunctionCodeRequest in, RequestContext ctx) {
        return functions.updateCode(Namespace.of(ctx), in);
    }

    @Override
    public FunctionConfiguration updateFunctionConfiguration(UpdateFunctionConfigurationRequest in, RequestContext ctx) {
        return functions.updateConfiguration(Namespace.of(ctx), in);
    }

    @Override
    public DeleteFunctionResponse deleteFunction(DeleteFunctionRequest in, RequestContext ctx) {
        functions.delete(Namespace.of(ctx), in.functionName(), in.qualifier());
        return DeleteFunctionResponse.builder().build();
    }

    @Override
    public FunctionConfiguration publishVersion(PublishVersionRequest in, RequestContext ctx) {
        return functions.publish(Namespace.of(ctx), in.functionName(), in.codeSha256(), in.description(), in.revisionId());
    }

    @Override
    public ListVersionsByFunctionResponse listVersionsByFunction(ListVersionsByFunctionRequest in, RequestContext ctx) {
        return new ListVersionsByFunctionResponse(null, functions.versions(Namespace.of(ctx), in.functionName()));
    }

    @Override
    public AliasConfiguration createAlias(CreateAliasRequest in, RequestContext ctx) {
        return aliases.create(Namespace.of(ctx), in.functionName(), in.name(), in.functionVersion(), in.description(),
                in.routingConfig());
    }

    @Override
    public AliasConfiguration getAlias(GetAliasRequest in, RequestContext ctx) {
        return aliases.get(Namespace.of(ctx), in.functionName(), in.name());
    }

    @Override
    public AliasConfiguration updateAlias(UpdateAliasRequest in, RequestContext ctx) {
        return aliases.update(Namespace.of(ctx), in.functionName(), in.name(), in.functionVersion(), in.description(),
                in.routingConfig(), in.revisionId());
    }

    @Override
    public ListAliasesResponse listAliases(ListAliasesRequest in, RequestContext ctx) {
        List<AliasConfiguration> list = aliases.list(Namespace.of(ctx), in.functionName(), in.functionVersion());
        return new ListAliasesResponse(null, list);
    }

    @Override
    public void deleteAlias(DeleteAliasRequest in, RequestContext ctx) {
        aliases.delete(Namespace.of(ctx), in.functionName(), in.name());
    }

    @Override
    public InvocationResponse invoke(InvocationRequest in, RequestContext ctx) {
        ClientContexts.check(in.clientContext());
        Invocations.Result r = invocations.invoke(Namespace.of(ctx), in.functionName(), in.qualifier(),
                in.invocationType() == null ? InvocationType.REQUEST_RESPONSE : in.invocationType(),
                in.logType() == LogType.TAIL, in.payload() == null ? new byte[0] : in.payload());
        return InvocationResponse.builder().statusCode(r.statusCode()).functionError(r.functionError().orElse(null))
                .logResult(r.logResult().orElse(null)).payload(r.payload()).executedVersion(r.executedVersion()).build();
    }
}
