package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.model.lambda.AliasConfiguration;
import io.slipway.model.lambda.GetAliasRequest;
import io.slipway.model.lambda.ListVersionsByFunctionRequest;
import io.slipway.model.lambda.ListVersionsByFunctionResponse;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.slipway.app.InProcessServices.request;
import static io.slipway.app.InProcessServices.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaVersionAndAliasProviderTest extends ProviderTest {
    private static final String VERSION = "AWS::Lambda::Version";
    private static final String ALIAS = "AWS::Lambda::Alias";
    private static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:111122223333:function:hook";
    private static final Map<String, Object> HOOK = Map.of("FunctionName", "hook", "Runtime", "python3.12",
            "Handler", "index.handler", "Role", "arn:aws:iam::111122223333:role/hook",
            "Code", Map.of("ZipFile", "def handler(e, c):\n    return 1\n"));

    ResourceProvider aliases;
    ResourceProvider functions;

    LambdaVersionAndAliasProviderTest() {
        super(VERSION);
    }

    @BeforeEach
    void createFunction() {
        aliases = services.provider(ALIAS);
        functions = services.provider("AWS::Lambda::Function");
        functions.create(request("Hook", "AWS::Lambda::Function", HOOK));
    }

    private List<String> versions() {
        return ListVersionsByFunctionResponse.fromDocument(services.call(services.lambda.binding(),
                "ListVersionsByFunction", ListVersionsByFunctionRequest.builder().functionName("hook").build()))
                .versions().stream().map(v -> v.version()).toList();
    }

    private AliasConfiguration alias(String name) {
        return AliasConfiguration.fromDocument(services.call(services.lambda.binding(), "GetAlias",
                new GetAliasRequest("hook", name)));
    }

    /** Changes the function's code, so that publishing makes a new version. */
    private void changeCode(String marker) {
        Map<String, Object> changed = new java.util.HashMap<>(HOOK);
        changed.put("Code", Map.of("ZipFile", "def handler(e, c):\n    return '" + marker + "'\n"));
        functions.update(update("Hook", "AWS::Lambda::Function", changed, HOOK), io.slipway.app.InProcessServices.made("hook"));
    }

    @Test
    void publishesAVersionWhoseRefIsItsArn() {
        Provisioned v1 = provider.create(request("V1", VERSION, Map.of("FunctionName", "hook", "Description", "first")));

        assertThat(v1.physicalId()).isEqualTo(FUNCTION_ARN + ":1");
        assertThat(v1.attributes()).containsEntry("Version", "1").containsEntry("FunctionArn", FUNCTION_ARN);
        assertThat(provider.create(request("V1", VERSION, Map.of("FunctionName", "hook", "Description", "first")))
                .physicalId()).as("a retry finds the version it published").isEqualTo(v1.physicalId());
        assertThat(versions()).containsExactly("$LATEST", "1");
    }

    @Test
    void anUpdateAfterNewCodePublishesANewVersionAndDeleteRemovesTheOld() {
        Provisioned v1 = provider.create(request("V", VERSION, Map.of("FunctionName", "hook")));
        changeCode("two");

        Provisioned v2 = provider.update(update("V", VERSION, Map.of("FunctionName", "hook", "Description", "two"),
                Map.of("FunctionName", "hook")), v1);
        assertThat(v2.physicalId()).isEqualTo(FUNCTION_ARN + ":2");

        provider.delete(request("V", VERSION, Map.of()), v1);
        provider.delete(request("V", VERSION, Map.of()), v1);
        assertThat(versions()).containsExactly("$LATEST", "2");
    }

    @Test
    void aVersionOfAMissingFunctionOrWithoutFunctionNameFails() {
        assertThatThrownBy(() -> provider.create(request("V", VERSION, Map.of("FunctionName", "nope"))))
                .isInstanceOf(ResourceFailure.class).hasMessageContaining("HandlerErrorCode: NotFound");
        assertThatThrownBy(() -> provider.create(request("V", VERSION, Map.of("Description", "x"))))
                .hasMessageEndingWith("#: required key [FunctionName] not found");
    }

    @Test
    void anAliasPointsAtAVersionWithWeightedRoutingAndChangesInPlace() {
        Provisioned v1 = provider.create(request("V1", VERSION, Map.of("FunctionName", "hook")));
        changeCode("two");
        provider.create(request("V2", VERSION, Map.of("FunctionName", "hook")));
        Map<String, Object> live = Map.of("FunctionName", "hook", "Name", "live", "FunctionVersion", "1",
                "RoutingConfig", Map.of("AdditionalVersionWeights",
                        List.of(Map.of("FunctionVersion", "2", "FunctionWeight", 0.1))));

        Provisioned alias = aliases.create(request("Live", ALIAS, live));
        assertThat(alias.physicalId()).isEqualTo(FUNCTION_ARN + ":live");
        assertThat(alias(("live")).routingConfig().additionalVersionWeights()).containsEntry("2", 0.1);

        Map<String, Object> promoted = Map.of("FunctionName", "hook", "Name", "live", "FunctionVersion", "2",
                "Description", "all on two");
        Provisioned updated = aliases.update(update("Live", ALIAS, promoted, live), alias);
        assertThat(updated.physicalId()).isEqualTo(alias.physicalId());
        assertThat(alias("live").functionVersion()).isEqualTo("2");
        assertThat(alias("live").description()).isEqualTo("all on two");
        assertThat(alias("live").routingConfig() == null || alias("live").routingConfig().additionalVersionWeights().isEmpty())
                .as("routing the template dropped is cleared").isTrue();
        assertThat(v1.attributes()).containsEntry("Version", "1");
    }

    @Test
    void aRenamedAliasIsReplacedAndDeletingItTwiceSucceeds() {
        provider.create(request("V1", VERSION, Map.of("FunctionName", "hook")));
        Map<String, Object> live = Map.of("FunctionName", "hook", "Name", "live", "FunctionVersion", "1");
        Provisioned alias = aliases.create(request("Live", ALIAS, live));

        Provisioned renamed = aliases.update(update("Live", ALIAS, Map.of("FunctionName", "hook", "Name", "prod",
                "FunctionVersion", "1"), live), alias);
        assertThat(renamed.physicalId()).isEqualTo(FUNCTION_ARN + ":prod");

        aliases.delete(request("Live", ALIAS, Map.of()), alias);
        aliases.delete(request("Live", ALIAS, Map.of()), alias);
        assertThatThrownBy(() -> alias("live")).isInstanceOf(AwsException.class);
        assertThat(alias("prod").functionVersion()).isEqualTo("1");
    }

    @Test
    void anAliasOfAMissingVersionOrATakenNameFails() {
        Map<String, Object> live = Map.of("FunctionName", "hook", "Name", "live", "FunctionVersion", "7");
        assertThatThrownBy(() -> aliases.create(request("Live", ALIAS, live)))
                .isInstanceOf(ResourceFailure.class).hasMessageContaining("Service: Lambda");

        provider.create(request("V1", VERSION, Map.of("FunctionName", "hook")));
        Map<String, Object> one = Map.of("FunctionName", "hook", "Name", "live", "FunctionVersion", "1");
        aliases.create(request("Live", ALIAS, one));
        assertThatThrownBy(() -> aliases.create(request("Other", ALIAS, one)))
                .hasMessageContaining("Alias already exists").hasMessageContaining("HandlerErrorCode: AlreadyExists");
        assertThatThrownBy(() -> aliases.create(request("Bad", ALIAS, Map.of("FunctionName", "hook", "Name", "x",
                "FunctionVersion", "1", "RoutingConfig", Map.of("AdditionalVersionWeights",
                        List.of(Map.of("FunctionVersion", "1", "FunctionWeight", "lots")))))))
                .hasMessageEndingWith("#/RoutingConfig/AdditionalVersionWeights/0/FunctionWeight: expected type: Number, found: String");
    }
}
