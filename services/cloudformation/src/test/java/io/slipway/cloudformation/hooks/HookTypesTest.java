package io.slipway.cloudformation.hooks;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.model.cloudformation.ActivateTypeInput;
import io.slipway.model.cloudformation.BatchDescribeTypeConfigurationsInput;
import io.slipway.model.cloudformation.Category;
import io.slipway.model.cloudformation.DeactivateTypeInput;
import io.slipway.model.cloudformation.DescribeTypeInput;
import io.slipway.model.cloudformation.DescribeTypeOutput;
import io.slipway.model.cloudformation.ListTypesInput;
import io.slipway.model.cloudformation.ListTypesOutput;
import io.slipway.model.cloudformation.RegistryType;
import io.slipway.model.cloudformation.ThirdPartyType;
import io.slipway.model.cloudformation.TypeConfigurationIdentifier;
import io.slipway.model.cloudformation.TypeFilters;
import io.slipway.model.cloudformation.TypeSummary;
import io.slipway.model.cloudformation.Visibility;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsException;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.slipway.cloudformation.hooks.HookFixture.NS;
import static io.slipway.cloudformation.hooks.HookFixture.bucket;
import static io.slipway.cloudformation.hooks.HookFixture.resourceHook;
import static io.slipway.model.cloudformation.CloudFormationErrors.CFN_REGISTRY;
import static io.slipway.model.cloudformation.CloudFormationErrors.TYPE_CONFIGURATION_NOT_FOUND;
import static io.slipway.model.cloudformation.CloudFormationErrors.TYPE_NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HookTypesTest {
    private static final String ARN = "arn:aws:cloudformation:eu-west-1:111122223333:type/hook/Shop-Hooks-Guard";
    private final HookFixture f = new HookFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static ActivateTypeInput.Builder lambdaHook(String alias) {
        return ActivateTypeInput.builder().type(ThirdPartyType.HOOK).typeName("AWS::Hooks::LambdaHook").typeNameAlias(alias);
    }

    private static void assertError(ThrowableAssert.ThrowingCallable call, AwsError error, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void activateAnswersThePrivateTypeArnAndDescribeTypeShowsIt() {
        String arn = f.types.activate(NS, lambdaHook("Shop::Hooks::Guard")
                .executionRoleArn("arn:aws:iam::111122223333:role/hooks").build()).arn();

        assertThat(arn).isEqualTo(ARN);
        DescribeTypeOutput byArn = f.queries.describe(NS, DescribeTypeInput.builder().arn(arn).build());
        DescribeTypeOutput byName = f.queries.describe(NS, DescribeTypeInput.builder().type(RegistryType.HOOK)
                .typeName("Shop::Hooks::Guard").build());
        assertThat(byName).isEqualTo(byArn);
        assertThat(byArn.arn()).isEqualTo(ARN);
        assertThat(byArn.type()).isEqualTo(RegistryType.HOOK);
        assertThat(byArn.typeName()).isEqualTo("Shop::Hooks::Guard");
        assertThat(byArn.originalTypeName()).isEqualTo("AWS::Hooks::LambdaHook");
        assertThat(byArn.isActivated()).isTrue();
        assertThat(byArn.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(byArn.executionRoleArn()).isEqualTo("arn:aws:iam::111122223333:role/hooks");
        assertThat(byArn.timeCreated()).isEqualTo(f.clock.now());
    }

    @Test
    void activateAcceptsThePublicTypeArnAndIsIdempotent() {
        String publicArn = "arn:aws:cloudformation:eu-west-1::type/hook/aws-hooks/AWS-Hooks-LambdaHook";
        ActivateTypeInput in = ActivateTypeInput.builder().publicTypeArn(publicArn).typeNameAlias("Shop::Hooks::Guard").build();

        assertThat(f.types.activate(NS, in).arn()).isEqualTo(ARN);
        assertThat(f.types.activate(NS, in).arn()).isEqualTo(ARN);
        assertThat(f.queries.list(NS, ListTypesInput.builder().build()).typeSummaries()).hasSize(1);
    }

    @Test
    void activateRejectsMissingOrReservedAliasesAndUnknownTypes() {
        assertError(() -> f.types.activate(NS, lambdaHook(null).build()), CFN_REGISTRY,
                "TypeNameAlias is required to activate AWS::Hooks::LambdaHook");
        assertError(() -> f.types.activate(NS, lambdaHook("AWS::My::Hook").build()), CFN_REGISTRY,
                "TypeNameAlias AWS::My::Hook must not begin with AWS");
        assertError(() -> f.types.activate(NS, ActivateTypeInput.builder().typeNameAlias("Shop::Hooks::Guard").build()),
                CFN_REGISTRY, "Must specify either PublicTypeArn, or TypeName, Type and PublisherId");
        assertError(() -> f.types.activate(NS, lambdaHook("Shop::Hooks::Guard").typeName("AWS::Hooks::GuardHook").build()),
                TYPE_NOT_FOUND, "The type 'AWS::Hooks::GuardHook' cannot be found.");
        assertError(() -> f.types.activate(NS, lambdaHook("Shop::Hooks::Guard").type(ThirdPartyType.RESOURCE).build()),
                TYPE_NOT_FOUND, "The type 'AWS::Hooks::LambdaHook' cannot be found.");
    }

    @Test
    void deactivateRemovesTheTypeAndItsConfiguration() {
        f.activate("Shop::Hooks::Guard", resourceHook("guard", ""));

        f.types.deactivate(NS, DeactivateTypeInput.builder().arn(ARN).build());

        assertError(() -> f.queries.describe(NS, DescribeTypeInput.builder().arn(ARN).build()), TYPE_NOT_FOUND,
                "The type '" + ARN + "' cannot be found.");
        assertThat(f.invocations.run(NS, bucket("CREATE"))).isEqualTo(HookOutcome.NONE);
        assertError(() -> f.types.deactivate(NS, DeactivateTypeInput.builder().type(ThirdPartyType.HOOK)
                .typeName("Shop::Hooks::Guard").build()), TYPE_NOT_FOUND, "The type 'Shop::Hooks::Guard' cannot be found.");
        assertError(() -> f.types.deactivate(NS, DeactivateTypeInput.builder().typeName("Shop::Hooks::Guard").build()),
                CFN_REGISTRY, "Must specify either Arn, or TypeName and Type");
    }

    @Test
    void anotherNamespaceDoesNotSeeTheType() {
        f.activate("Shop::Hooks::Guard", resourceHook("guard", ""));
        var other = new io.slipway.core.Namespace("111122223333", "us-east-1");

        assertError(() -> f.queries.describe(other, DescribeTypeInput.builder().arn(ARN).build()), TYPE_NOT_FOUND,
                "The type '" + ARN + "' cannot be found.");
    }

    @Test
    void setTypeConfigurationAnswersTheConfigurationArnAndBatchDescribeReadsIt() {
        f.types.activate(NS, lambdaHook("Shop::Hooks::Guard").build());
        String configuration = resourceHook("guard", "");

        String configurationArn = f.types.setConfiguration(NS, null, ThirdPartyType.HOOK, "Shop::Hooks::Guard", null,
                configuration);

        assertThat(configurationArn).isEqualTo(
                "arn:aws:cloudformation:eu-west-1:111122223333:type-configuration/hook/Shop-Hooks-Guard/default");
        var byArn = f.queries.describeConfigurations(NS, BatchDescribeTypeConfigurationsInput.builder()
                .typeConfigurationIdentifiers(List.of(TypeConfigurationIdentifier.builder()
                        .typeConfigurationArn(configurationArn).build())).build());
        var byType = f.queries.describeConfigurations(NS, BatchDescribeTypeConfigurationsInput.builder()
                .typeConfigurationIdentifiers(List.of(TypeConfigurationIdentifier.builder().typeArn(ARN).build())).build());
        assertThat(byType).isEqualTo(byArn);
        assertThat(byArn.typeConfigurations()).singleElement().satisfies(d -> {
            assertThat(d.arn()).isEqualTo(configurationArn);
            assertThat(d.alias()).isEqualTo("default");
            assertThat(d.configuration()).isEqualTo(configuration);
            assertThat(d.typeArn()).isEqualTo(ARN);
            assertThat(d.typeName()).isEqualTo("Shop::Hooks::Guard");
            assertThat(d.isDefaultConfiguration()).isTrue();
            assertThat(d.lastUpdated()).isEqualTo(f.clock.now());
        });
    }

    @Test
    void setTypeConfigurationErrors() {
        assertError(() -> f.types.setConfiguration(NS, ARN, null, null, null, resourceHook("guard", "")), TYPE_NOT_FOUND,
                "The type '" + ARN + "' cannot be found.");
        f.types.activate(NS, lambdaHook("Shop::Hooks::Guard").build());
        assertError(() -> f.types.setConfiguration(NS, ARN, null, null, null, "{\"CloudFormationConfiguration\":1}"),
                CFN_REGISTRY, "CloudFormationConfiguration must be a JSON object");
        assertError(() -> f.types.setConfiguration(NS, ARN.replace("111122223333", "999999999999"), null, null, null,
                resourceHook("guard", "")), TYPE_NOT_FOUND, "The type '" + ARN.replace("111122223333", "999999999999")
                + "' cannot be found.");
    }

    @Test
    void batchDescribeOfAMissingConfigurationIsTypeConfigurationNotFound() {
        f.types.activate(NS, lambdaHook("Shop::Hooks::Guard").build());

        assertError(() -> f.queries.describeConfigurations(NS, BatchDescribeTypeConfigurationsInput.builder()
                        .typeConfigurationIdentifiers(List.of(TypeConfigurationIdentifier.builder().typeArn(ARN).build())).build()),
                TYPE_CONFIGURATION_NOT_FOUND,
                "The type configuration for 'Shop::Hooks::Guard' with alias 'default' cannot be found.");
        assertError(() -> f.queries.describeConfigurations(NS, BatchDescribeTypeConfigurationsInput.builder()
                        .typeConfigurationIdentifiers(List.of(TypeConfigurationIdentifier.builder().build())).build()),
                CFN_REGISTRY, "Each identifier needs TypeConfigurationArn, TypeArn, or Type and TypeName");
    }

    @Test
    void listTypesShowsActivatedHooksAsPrivateAndTheLambdaHookAsPublic() {
        for (String alias : List.of("Shop::Hooks::Guard", "Shop::Hooks::Audit", "Ops::Hooks::Tags")) {
            f.types.activate(NS, lambdaHook(alias).build());
        }

        ListTypesOutput first = f.queries.list(NS, ListTypesInput.builder().visibility(Visibility.PRIVATE)
                .type(RegistryType.HOOK).maxResults(2).build());
        ListTypesOutput second = f.queries.list(NS, ListTypesInput.builder().visibility(Visibility.PRIVATE)
                .type(RegistryType.HOOK).maxResults(2).nextToken(first.nextToken()).build());

        assertThat(first.typeSummaries()).extracting(TypeSummary::typeName)
                .containsExactly("Ops::Hooks::Tags", "Shop::Hooks::Audit");
        assertThat(second.typeSummaries()).extracting(TypeSummary::typeName).containsExactly("Shop::Hooks::Guard");
        assertThat(second.nextToken()).isNull();
        assertThat(second.typeSummaries().getFirst().isActivated()).isTrue();
        assertThat(second.typeSummaries().getFirst().originalTypeName()).isEqualTo("AWS::Hooks::LambdaHook");
        assertThat(f.queries.list(NS, ListTypesInput.builder().filters(TypeFilters.builder().typeNamePrefix("Shop::")
                .category(Category.ACTIVATED).build()).build()).typeSummaries()).hasSize(2);
        assertThat(f.queries.list(NS, ListTypesInput.builder().type(RegistryType.RESOURCE).build()).typeSummaries()).isEmpty();
        assertThat(f.queries.list(NS, ListTypesInput.builder().type(RegistryType.HOOK).visibility(Visibility.PUBLIC).build())
                .typeSummaries()).extracting(TypeSummary::typeName).containsExactly("AWS::Hooks::LambdaHook");
        // the public registry's resource types are listed beside it
        assertThat(f.queries.list(NS, ListTypesInput.builder().type(RegistryType.RESOURCE).visibility(Visibility.PUBLIC)
                .filters(TypeFilters.builder().typeNamePrefix("AWS::SNS::").build()).build()).typeSummaries())
                .extracting(TypeSummary::typeName).contains("AWS::SNS::Subscription", "AWS::SNS::Topic", "AWS::SNS::TopicPolicy");
        assertError(() -> f.queries.list(NS, ListTypesInput.builder().visibility(Visibility.PUBLIC)
                .nextToken(first.nextToken()).build()), io.slipway.model.runtime.AwsErrors.VALIDATION_ERROR, "Invalid NextToken");
    }

    @Test
    void templateResourceActivatesAndConfiguresTheHook() {
        Provisioned hook = f.types.activateFromTemplate(NS, lambdaHookProperties());

        assertThat(hook.physicalId()).isEqualTo(ARN);
        assertThat(hook.attributes()).containsEntry("HookArn", ARN);
        f.functions.reply("{\"hookStatus\":\"SUCCESS\",\"clientRequestToken\":\"TOKEN\"}");
        assertThat(f.invocations.run(NS, bucket("CREATE")).runs()).singleElement()
                .satisfies(run -> assertThat(run.failureMode()).isEqualTo("WARN"));
        assertThat(f.functions.calls.getFirst().function()).isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:guard");

        // a retry or an update of the same resource replaces the configuration
        Map<String, Object> disabled = lambdaHookProperties();
        disabled.put("HookStatus", "DISABLED");
        assertThat(f.types.activateFromTemplate(NS, disabled)).isEqualTo(hook);
        assertThat(f.invocations.run(NS, bucket("CREATE"))).isEqualTo(HookOutcome.NONE);

        f.types.deactivateFromTemplate(NS, ARN);
        f.types.deactivateFromTemplate(NS, ARN);
        assertThat(f.queries.list(NS, ListTypesInput.builder().build()).typeSummaries()).isEmpty();
    }

    @Test
    void templateResourceDoesNotTakeAnAliasTheApiActivated() {
        f.types.activate(NS, lambdaHook("Shop::Hooks::Guard").build());

        assertThatThrownBy(() -> f.types.activateFromTemplate(NS, lambdaHookProperties()))
                .isInstanceOf(ResourceFailure.class)
                .hasMessage("Resource of type 'AWS::CloudFormation::LambdaHook' with identifier 'Shop::Hooks::Guard' already exists.");
    }

    @Test
    void templateResourceRejectsBadProperties() {
        Map<String, Object> unknown = lambdaHookProperties();
        unknown.put("Colour", "red");
        assertTemplateRejected(unknown, "Encountered unsupported property Colour");
        Map<String, Object> noFunction = lambdaHookProperties();
        noFunction.remove("LambdaFunction");
        assertTemplateRejected(noFunction, "Properties validation failed: required key [LambdaFunction] not found");
        Map<String, Object> reserved = lambdaHookProperties();
        reserved.put("Alias", "AWS::Shop::Guard");
        assertTemplateRejected(reserved, "Alias must have the form Name1::Name2::Name3 and must not start with AWS: AWS::Shop::Guard");
        Map<String, Object> badMode = lambdaHookProperties();
        badMode.put("FailureMode", "LOUD");
        assertTemplateRejected(badMode, "Properties validation failed: FailureMode must be one of [FAIL, WARN]");
        Map<String, Object> badFilter = lambdaHookProperties();
        badFilter.put("StackFilters", Map.of("FilteringCriteria", "ALL"));
        assertTemplateRejected(badFilter, "Properties validation failed: StackFilters needs StackNames or StackRoles");
    }

    private void assertTemplateRejected(Map<String, Object> properties, String message) {
        assertThatThrownBy(() -> f.types.activateFromTemplate(NS, properties)).isInstanceOf(ResourceFailure.class)
                .hasMessage(message);
    }

    private static Map<String, Object> lambdaHookProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put("Alias", "Shop::Hooks::Guard");
        p.put("ExecutionRole", "arn:aws:iam::111122223333:role/hooks");
        p.put("FailureMode", "WARN");
        p.put("HookStatus", "ENABLED");
        p.put("LambdaFunction", "arn:aws:lambda:eu-west-1:111122223333:function:guard");
        p.put("TargetOperations", List.of("RESOURCE"));
        p.put("TargetFilters", Map.of("Actions", List.of("CREATE")));
        return p;
    }
}
