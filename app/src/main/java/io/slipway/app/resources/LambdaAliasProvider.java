package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Progress;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.lambda.AliasConfiguration;
import io.slipway.model.lambda.AliasRoutingConfiguration;
import io.slipway.model.lambda.CreateAliasRequest;
import io.slipway.model.lambda.DeleteAliasRequest;
import io.slipway.model.lambda.UpdateAliasRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AWS::Lambda::Alias. Ref is the alias ARN, as is the AliasArn attribute. A new function or alias
 * name replaces the alias; the version, description and weighted routing change in place. The
 * template writes routing as a list of {FunctionVersion, FunctionWeight}; Lambda keeps a map.
 * With {@code UpdatePolicy: CodeDeployLambdaAliasUpdate}, a stack update that changes the version
 * runs a CodeDeploy deployment instead ({@link AliasDeployments}); creating the alias does not.
 */
final class LambdaAliasProvider implements ResourceProvider {
    static final String TYPE = "AWS::Lambda::Alias";
    private static final Set<String> PROPERTIES = Set.of("FunctionName", "FunctionVersion", "Name", "Description",
            "RoutingConfig", "ProvisionedConcurrencyConfig");

    private final ServiceCalls lambda;
    private final AliasDeployments deployments;

    LambdaAliasProvider(ServiceCalls lambda, AliasDeployments deployments) {
        this.lambda = lambda;
        this.deployments = deployments;
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        ResourceProperties p = properties(request);
        return provisioned(lambda.call(request, "CreateAlias", new CreateAliasRequest(p.requiredString("FunctionName"),
                p.requiredString("Name"), p.requiredString("FunctionVersion"), p.string("Description").orElse(null),
                routing(p)), AliasConfiguration::fromDocument));
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current) {
        ResourceProperties p = properties(request);
        ResourceProperties previous = ResourceProperties.of(request.logicalId(), request.previousProperties());
        if (p.changed(previous, "FunctionName") || p.changed(previous, "Name")) {
            return create(request);
        }
        AliasRoutingConfiguration routing = routing(p);
        return provisioned(lambda.call(request, "UpdateAlias", UpdateAliasRequest.builder()
                .functionName(p.requiredString("FunctionName")).name(p.requiredString("Name"))
                .functionVersion(p.requiredString("FunctionVersion")).description(p.string("Description").orElse(""))
                // an empty map clears routing the template dropped; no map would keep it
                .routingConfig(routing != null ? routing : new AliasRoutingConfiguration(Map.of())).build(),
                AliasConfiguration::fromDocument));
    }

    /**
     * The update handler: a deployment already started is polled; a version change under a
     * CodeDeployLambdaAliasUpdate policy starts one; anything else is the plain update. Once the
     * deployment succeeded, the plain update brings the rest (description) to the template's
     * values, with the version CodeDeploy already moved the alias to.
     */
    @Override
    public Progress update(ResourceRequest request, Provisioned current, Map<String, Object> callbackContext) {
        if (callbackContext.get(AliasDeployments.DEPLOYMENT_ID) instanceof String id) {
            return deployments.poll(request, id, () -> update(request, current));
        }
        ResourceProperties p = properties(request);
        ResourceProperties previous = ResourceProperties.of(request.logicalId(), request.previousProperties());
        var policy = AliasDeployments.policy(request);
        if (policy.isEmpty() || p.changed(previous, "FunctionName") || p.changed(previous, "Name")
                || !p.changed(previous, "FunctionVersion")) {
            return new Progress.Success(update(request, current));
        }
        return deployments.start(request, policy.get(), p.requiredString("FunctionName"), p.requiredString("Name"),
                previous.requiredString("FunctionVersion"), p.requiredString("FunctionVersion"));
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        String arn = current.physicalId();
        int colon = arn.lastIndexOf(':');
        lambda.delete(request, "DeleteAlias", new DeleteAliasRequest(arn.substring(0, colon), arn.substring(colon + 1)));
    }

    private static AliasRoutingConfiguration routing(ResourceProperties p) {
        var config = p.object("RoutingConfig");
        if (config.isEmpty()) {
            return null;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (ResourceProperties w : config.get().only(Set.of("AdditionalVersionWeights")).objects("AdditionalVersionWeights")) {
            weights.put(w.requiredString("FunctionVersion"), w.decimal("FunctionWeight")
                    .orElseThrow(() -> w.missing("FunctionWeight")));
        }
        return new AliasRoutingConfiguration(weights);
    }

    private static ResourceProperties properties(ResourceRequest request) {
        return ResourceProperties.of(request.logicalId(), request.properties()).only(PROPERTIES);
    }

    private static Provisioned provisioned(AliasConfiguration alias) {
        return new Provisioned(alias.aliasArn(), Map.of("AliasArn", alias.aliasArn()));
    }
}
