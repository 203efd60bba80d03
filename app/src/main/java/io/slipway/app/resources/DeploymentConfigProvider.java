package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.codedeploy.CodeDeployModel;
import io.slipway.model.codedeploy.CreateDeploymentConfigInput;
import io.slipway.model.codedeploy.DeleteDeploymentConfigInput;
import io.slipway.model.codedeploy.GetDeploymentConfigInput;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AWS::CodeDeploy::DeploymentConfig. Ref is the configuration's name. CodeDeploy cannot change a
 * deployment configuration, so every property change replaces it (under a new generated name; a
 * custom name cannot be replaced under itself). The template's properties are CreateDeploymentConfig's
 * members capitalised, and are passed through the model.
 */
final class DeploymentConfigProvider extends NamedResourceProvider {
    static final String TYPE = "AWS::CodeDeploy::DeploymentConfig";
    private static final Set<String> PROPERTIES = Set.of("DeploymentConfigName", "ComputePlatform",
            "MinimumHealthyHosts", "TrafficRoutingConfig", "ZonalConfig");

    private final ServiceCalls codeDeploy;

    DeploymentConfigProvider(ServiceCalls codeDeploy) {
        // CodeDeploy cannot change a deployment configuration: every property replaces it
        super(NameProperty.of("DeploymentConfigName", 100), PROPERTIES, PROPERTIES);
        this.codeDeploy = codeDeploy;
    }

    @Override
    Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        Map<String, Object> values = new LinkedHashMap<>(p.values());
        values.put("DeploymentConfigName", name);
        CreateDeploymentConfigInput in = CreateDeploymentConfigInput.fromDocument(PropertyDocuments.structure(
                CodeDeployModel.MODEL.shape("CreateDeploymentConfigInput"),
                new ResourceProperties(p.logicalId(), p.path(), values)));
        createOrAdopt(request, p, codeDeploy, () -> codeDeploy.raw(request, "CreateDeploymentConfig", in),
                () -> codeDeploy.call(request, "GetDeploymentConfig", new GetDeploymentConfigInput(name), doc -> doc));
        return new Provisioned(name, Map.of());
    }

    @Override
    Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                              Provisioned current) {
        return current; // nothing changed: any change replaces
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        codeDeploy.delete(request, "DeleteDeploymentConfig", new DeleteDeploymentConfigInput(current.physicalId()));
    }
}
