package io.slipway.lambda;

import io.slipway.core.Namespace;
import io.slipway.lambda.functions.Aliases;
import io.slipway.lambda.functions.FunctionName;
import io.slipway.lambda.functions.Functions;
import io.slipway.lambda.invoke.ClientContexts;
import io.slipway.lambda.invoke.Invocations;
import io.slipway.model.lambda.*;
import io.slipway.model.runtime.RequestContext;

import java.util.List;

/**
 * The Lambda operations Slipway serves: functions, versions, aliases and Invoke. Every operation
 * that takes a FunctionName first checks that a partial or full ARN in it names the caller's own
 * account and region ({@link FunctionName#problem}).
 */
public final class LambdaApi implements LambdaHandler {
    private final Functions functions;
    private final Aliases aliases;
    private final Invocations invocations;
    private final CodeLocations codeLocations;

    /** Where GetFunction's Code.Location points: a URL presigned for the function's account. */
    @FunctionalInterface
    public interface CodeLocations {
        String location(Namespace ns, String codeSha256);
    }

    public LambdaApi(Functions functions, Aliases aliases, Invocations invocations, CodeLocations codeLocations) {
        this.functions = functions;
        this.aliases = aliases;
        this.invocations = invocations;
        this.codeLocations = codeLocations;
    }

    @Override
    public FunctionConfiguration createFunction(CreateFunctionRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "CreateFunction");
        return functions.create(ns, in);
    }

    @Override
    public GetFunctionResponse getFunction(GetFunctionRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "GetFunction");
        FunctionConfiguration config = functions.get(ns, in.functionName(), in.qualifier());
        return GetFunctionResponse.builder().configuration(config).code(FunctionCodeLocation.builder().repositoryType("S3")
                .location(codeLocations.location(ns, config.codeSha256())).build()).build();
    }

    @Override
    public FunctionConfiguration getFunctionConfiguration(GetFunctionConfigurationRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "GetFunctionConfiguration");
        return functions.get(ns, in.functionName(), in.qualifier());
    }

    @Override
    public ListFunctionsResponse listFunctions(ListFunctionsRequest in, RequestContext ctx) {
        Functions.Page page = functions.list(Namespace.of(ctx), in.marker(), in.maxItems());
        return new ListFunctionsResponse(page.nextMarker(), page.functions());
    }

    @Override
    public FunctionConfiguration updateFunctionCode(UpdateFunctionCodeRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "UpdateFunctionCode");
        return functions.updateCode(ns, in);
    }

    @Override
    public FunctionConfiguration updateFunctionConfiguration(UpdateFunctionConfigurationRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "UpdateFunctionConfiguration");
        return functions.updateConfiguration(ns, in);
    }

    @Override
    public DeleteFunctionResponse deleteFunction(DeleteFunctionRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "DeleteFunction");
        functions.delete(ns, in.functionName(), in.qualifier());
        return DeleteFunctionResponse.builder().build();
    }

    @Override
    public FunctionConfiguration publishVersion(PublishVersionRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "PublishVersion");
        return functions.publish(ns, in.functionName(), in.codeSha256(), in.description(), in.revisionId());
    }

    @Override
    public ListVersionsByFunctionResponse listVersionsByFunction(ListVersionsByFunctionRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "ListVersionsByFunction");
        return new ListVersionsByFunctionResponse(null, functions.versions(ns, in.functionName()));
    }

    @Override
    public AliasConfiguration createAlias(CreateAliasRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "CreateAlias");
        return aliases.create(ns, in.functionName(), in.name(), in.functionVersion(), in.description(),
                in.routingConfig());
    }

    @Override
    public AliasConfiguration getAlias(GetAliasRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "GetAlias");
        return aliases.get(ns, in.functionName(), in.name());
    }

    @Override
    public AliasConfiguration updateAlias(UpdateAliasRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "UpdateAlias");
        return aliases.update(ns, in.functionName(), in.name(), in.functionVersion(), in.description(),
                in.routingConfig(), in.revisionId());
    }

    @Override
    public ListAliasesResponse listAliases(ListAliasesRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "ListAliases");
        List<AliasConfiguration> list = aliases.list(ns, in.functionName(), in.functionVersion());
        return new ListAliasesResponse(null, list);
    }

    @Override
    public void deleteAlias(DeleteAliasRequest in, RequestContext ctx) {
        Namespace ns = caller(ctx, in.functionName(), "DeleteAlias");
        aliases.delete(ns, in.functionName(), in.name());
    }

    @Override
    public InvocationResponse invoke(InvocationRequest in, RequestContext ctx) {
        ClientContexts.check(in.clientContext());
        Namespace ns = caller(ctx, in.functionName(), "InvokeFunction");
        Invocations.Result r = invocations.invoke(ns, in.functionName(), in.qualifier(),
                in.invocationType() == null ? InvocationType.REQUEST_RESPONSE : in.invocationType(),
                in.logType() == LogType.TAIL, in.payload() == null ? new byte[0] : in.payload());
        return InvocationResponse.builder().statusCode(r.statusCode()).functionError(r.functionError().orElse(null))
                .logResult(r.logResult().orElse(null)).payload(r.payload()).executedVersion(r.executedVersion()).build();
    }

    /** The caller's namespace, once {@code functionName} is known to name a function in it. */
    private static Namespace caller(RequestContext ctx, String functionName, String action) {
        Namespace ns = Namespace.of(ctx);
        FunctionName.of(functionName, ns, action);
        return ns;
    }
}
