package io.slipway.app.resources;

import io.slipway.app.InProcessServices;
import io.slipway.cloudformation.resource.Progress;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.codedeploy.GetDeploymentInput;
import io.slipway.model.codedeploy.ListDeploymentsInput;
import io.slipway.model.codedeploy.StopDeploymentInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.slipway.app.InProcessServices.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alias provider's handler under CodeDeployLambdaAliasUpdate, one call at a time (the
 * workers are not started, so the deployment stays where CreateDeployment left it).
 */
class AliasDeploymentsTest extends ProviderTest {
    private static final String ALIAS = "AWS::Lambda::Alias";
    private static final Map<String, Object> HOOK = Map.of("FunctionName", "hook", "Runtime", "python3.12",
            "Handler", "index.handler", "Role", "arn:aws:iam::111122223333:role/hook",
            "Code", Map.of("ZipFile", "def handler(e, c):\n    return 1\n"));
    private static final Map<String, Object> POLICY = Map.of("CodeDeployLambdaAliasUpdate", Map.of(
            "ApplicationName", "fns", "DeploymentGroupName", "live-group",
            "BeforeAllowTrafficHook", "pre", "AfterAllowTrafficHook", "post"));
    private static final Map<String, Object> V1 = Map.of("FunctionName", "hook", "Name", "live", "FunctionVersion", "1");
    private static final Map<String, Object> V2 = Map.of("FunctionName", "hook", "Name", "live", "FunctionVersion", "2");

    private Provisioned alias;

    AliasDeploymentsTest() {
        super(ALIAS);
    }

    @BeforeEach
    void functionVersionsAliasAndGroup() {
        ResourceProvider functions = services.provider("AWS::Lambda::Function");
        ResourceProvider versions = services.provider("AWS::Lambda::Version");
        functions.create(request("Hook", "AWS::Lambda::Function", HOOK));
        versions.create(request("V1", "AWS::Lambda::Version", Map.of("FunctionName", "hook")));
        Map<String, Object> changed = new HashMap<>(HOOK);
        changed.put("Code", Map.of("ZipFile", "def handler(e, c):\n    return 2\n"));
        functions.update(InProcessServices.update("Hook", "AWS::Lambda::Function", changed, HOOK), InProcessServices.made("hook"));
        versions.create(request("V2", "AWS::Lambda::Version", Map.of("FunctionName", "hook")));
        alias = provider.create(request("Live", ALIAS, V1));
        services.provider("AWS::CodeDeploy::Application").create(request("App", "AWS::CodeDeploy::Application",
                Map.of("ApplicationName", "fns", "ComputePlatform", "Lambda")));
        services.provider("AWS::CodeDeploy::DeploymentGroup").create(request("Group", "AWS::CodeDeploy::DeploymentGroup",
                Map.of("ApplicationName", "fns", "DeploymentGroupName", "live-group",
                        "ServiceRoleArn", "arn:aws:iam::111122223333:role/cd",
                        "DeploymentConfigName", "CodeDeployDefault.LambdaAllAtOnce")));
    }

    private static ResourceRequest update(Map<String, Object> properties, Map<String, Object> previous,
                                          Map<String, Object> policy) {
        return new ResourceRequest(InProcessServices.NS, InProcessServices.STACK, InProcessServices.STACK_ID, "Live",
                ALIAS, properties, previous, policy);
    }

    private List<Object> deployments() {
        Object listed = services.call(services.codeDeploy.binding(), "ListDeployments",
                ListDeploymentsInput.fromDocument(Map.of("applicationName", "fns", "deploymentGroupName", "live-group")))
                .get("deployments");
        @SuppressWarnings("unchecked") List<Object> ids = (List<Object>) listed;
        return ids;
    }

    @Test
    void aVersionChangeStartsOneDeploymentWithCloudFormationsAppSpecAndARetryAdoptsIt() {
        Progress first = provider.update(update(V2, V1, POLICY), alias, Map.of());

        assertThat(first).isInstanceOf(Progress.InProgress.class);
        Progress.InProgress waiting = (Progress.InProgress) first;
        String id = (String) waiting.callbackContext().get("DeploymentId");
        assertThat(id).matches("d-[A-Z0-9]{9}");
        assertThat(waiting.message()).isEqualTo("CodeDeploy deployment " + id
                + " started in deployment group live-group of application fns");
        @SuppressWarnings("unchecked") Map<String, Object> info = (Map<String, Object>) services.call(
                services.codeDeploy.binding(), "GetDeployment", new GetDeploymentInput(id)).get("deploymentInfo");
        assertThat(info.toString()).contains("{\"version\":\"0.0\",\"Resources\":[{\"Live\":{\"Type\":\"AWS::Lambda::Function\","
                + "\"Properties\":{\"Name\":\"hook\",\"Alias\":\"live\",\"CurrentVersion\":\"1\",\"TargetVersion\":\"2\"}}}],"
                + "\"Hooks\":[{\"BeforeAllowTraffic\":\"pre\"},{\"AfterAllowTraffic\":\"post\"}]}");

        // a restart before the context was stored calls again from the start: the group's deployment is adopted
        Progress again = provider.update(update(V2, V1, POLICY), alias, Map.of());
        assertThat(((Progress.InProgress) again).callbackContext()).containsEntry("DeploymentId", id);
        Progress polled = provider.update(update(V2, V1, POLICY), alias, Map.of("DeploymentId", id));
        assertThat(polled).isInstanceOf(Progress.InProgress.class);
        assertThat(((Progress.InProgress) polled).message()).isNull();
        assertThat(deployments()).containsExactly(id);
    }

    @Test
    void noPolicyARollbackOrAnUnchangedVersionUpdatesTheAliasDirectly() {
        assertThat(provider.update(update(V2, V1, Map.of()), alias, Map.of())).isInstanceOf(Progress.Success.class);
        Map<String, Object> described = new HashMap<>(V1);
        described.put("Description", "same version");
        assertThat(provider.update(update(described, V1, POLICY), alias, Map.of())).isInstanceOf(Progress.Success.class);
        assertThat(deployments()).isEmpty();
    }

    @Test
    void theEndOfTheDeploymentWakesTheWaitingStackOnceItsAliasHasLooked() {
        Progress first = provider.update(update(V2, V1, POLICY), alias, Map.of());
        String id = (String) ((Progress.InProgress) first).callbackContext().get("DeploymentId");
        assertThat(services.wokenStacks).isEmpty();

        services.call(services.codeDeploy.binding(), "StopDeployment", new StopDeploymentInput(id, null));

        assertThat(services.wokenStacks).containsExactly(InProcessServices.STACK_ID);
        Progress polled = provider.update(update(V2, V1, POLICY), alias, Map.of("DeploymentId", id));
        assertThat(polled).isInstanceOf(Progress.Failed.class);
        assertThat(((Progress.Failed) polled).reason()).startsWith("CodeDeploy deployment " + id + " was stopped");
    }
}
