package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.codedeploy.Arns;
import io.slipway.model.codedeploy.CodeDeployModel;
import io.slipway.model.codedeploy.CreateDeploymentGroupInput;
import io.slipway.model.codedeploy.CreateDeploymentInput;
import io.slipway.model.codedeploy.DeleteDeploymentGroupInput;
import io.slipway.model.codedeploy.GetDeploymentGroupInput;
import io.slipway.model.codedeploy.UpdateDeploymentGroupInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS::CodeDeploy::DeploymentGroup. Ref is the group's name. A new application or group name
 * replaces the group; everything else changes in place through UpdateDeploymentGroup, where a
 * property the template dropped is reset (CodeDeploy keeps what an update leaves out). Most
 * properties are CreateDeploymentGroup's members capitalised; the tag sets, which the template
 * writes as lists of {Ec2TagGroup: [...]}, and Deployment, which asks for a deployment of a
 * revision once the group exists, are mapped here.
 */
final class DeploymentGroupProvider extends NamedResourceProvider {
    static final String TYPE = "AWS::CodeDeploy::DeploymentGroup";
    private static final Set<String> PROPERTIES = Set.of("AlarmConfiguration", "ApplicationName",
            "AutoRollbackConfiguration", "AutoScalingGroups", "BlueGreenDeploymentConfiguration", "Deployment",
            "DeploymentConfigName", "DeploymentGroupName", "DeploymentStyle", "ECSServices", "Ec2TagFilters", "Ec2TagSet",
            "LoadBalancerInfo", "OnPremisesInstanceTagFilters", "OnPremisesTagSet", "OutdatedInstancesStrategy",
            "ServiceRoleArn", "Tags", "TerminationHookEnabled", "TriggerConfigurations");
    /** What a dropped property goes back to: CodeDeploy's defaults, and "off" for the optional features. */
    private static final Map<String, Object> RESET = Map.of(
            "DeploymentConfigName", "CodeDeployDefault.OneAtATime",
            "AutoRollbackConfiguration", Map.of("Enabled", false),
            "AlarmConfiguration", Map.of("Enabled", false),
            "DeploymentStyle", Map.of("DeploymentType", "IN_PLACE", "DeploymentOption", "WITHOUT_TRAFFIC_CONTROL"),
            "Ec2TagFilters", List.of(), "OnPremisesInstanceTagFilters", List.of(), "AutoScalingGroups", List.of(),
            "TriggerConfigurations", List.of());

    private final ServiceCalls codeDeploy;

    DeploymentGroupProvider(ServiceCalls codeDeploy) {
        super(NameProperty.of("DeploymentGroupName", 100), PROPERTIES, Set.of("ApplicationName"));
        this.codeDeploy = codeDeploy;
    }

    @Override
    Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        String application = p.requiredString("ApplicationName");
        p.requiredString("ServiceRoleArn");
        Map<String, Object> values = groupValues(p, name);
        CreateDeploymentGroupInput in = CreateDeploymentGroupInput.fromDocument(document("CreateDeploymentGroupInput",
                p, values));
        createOrAdopt(request, p, codeDeploy, () -> codeDeploy.raw(request, "CreateDeploymentGroup", in),
                () -> codeDeploy.call(request, "GetDeploymentGroup", new GetDeploymentGroupInput(application, name),
                        doc -> doc));
        deploy(request, p, application, name);
        return new Provisioned(name, Map.of());
    }

    @Override
    Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                              Provisioned current) {
        String application = p.requiredString("ApplicationName");
        Map<String, Object> values = groupValues(p, current.physicalId());
        values.remove("Tags");
        RESET.forEach((k, v) -> {
            if (previous.has(k) && !p.has(k)) {
                values.put(k, v);
            }
        });
        values.put("CurrentDeploymentGroupName", values.remove("DeploymentGroupName"));
        codeDeploy.call(request, "UpdateDeploymentGroup", UpdateDeploymentGroupInput.fromDocument(
                document("UpdateDeploymentGroupInput", p, values)));
        CodeDeployApplicationProvider.tagging(codeDeploy).retag(request,
                Arns.deploymentGroup(request.ns(), application, current.physicalId()), previous, p);
        if (p.changed(previous, "Deployment")) {
            deploy(request, p, application, current.physicalId());
        }
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        ResourceProperties p = ResourceProperties.of(request.logicalId(), request.properties().isEmpty()
                ? request.previousProperties() : request.properties());
        codeDeploy.delete(request, "DeleteDeploymentGroup", new DeleteDeploymentGroupInput(
                p.requiredString("ApplicationName"), current.physicalId()));
    }

    /** Deployment: a deployment of the revision, started once the group is there (CloudFormation does not wait for it). */
    private void deploy(ResourceRequest request, ResourceProperties p, String application, String group) {
        if (p.object("Deployment").isEmpty()) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>(p.requiredObject("Deployment").values());
        values.put("ApplicationName", application);
        values.put("DeploymentGroupName", group);
        codeDeploy.call(request, "CreateDeployment", CreateDeploymentInput.fromDocument(document("CreateDeploymentInput",
                new ResourceProperties(p.logicalId(), p.path() + "/Deployment", values), values)));
    }

    /** The properties that go to CreateDeploymentGroup or UpdateDeploymentGroup, with the tag sets in the API's form. */
    private static Map<String, Object> groupValues(ResourceProperties p, String name) {
        Map<String, Object> values = new LinkedHashMap<>(p.values());
        values.remove("Deployment");
        values.put("DeploymentGroupName", name);
        p.object("Ec2TagSet").ifPresent(set -> values.put("Ec2TagSet",
                Map.of("Ec2TagSetList", groups(set, "Ec2TagSetList", "Ec2TagGroup"))));
        p.object("OnPremisesTagSet").ifPresent(set -> values.put("OnPremisesTagSet",
                Map.of("OnPremisesTagSetList", groups(set, "OnPremisesTagSetList", "OnPremisesTagGroup"))));
        return values;
    }

    private static List<Object> groups(ResourceProperties set, String list, String group) {
        List<Object> out = new ArrayList<>();
        for (ResourceProperties g : set.only(Set.of(list)).objects(list)) {
            out.add(g.only(Set.of(group)).list(group));
        }
        return out;
    }

    private static Map<String, Object> document(String shape, ResourceProperties p, Map<String, Object> values) {
        return PropertyDocuments.structure(CodeDeployModel.MODEL.shape(shape),
                new ResourceProperties(p.logicalId(), p.path(), values));
    }
}
