package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CfnRegistryException;
import software.amazon.awssdk.services.cloudformation.model.DescribeTypeResponse;
import software.amazon.awssdk.services.cloudformation.model.HookResultNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.RegistryType;
import software.amazon.awssdk.services.cloudformation.model.ThirdPartyType;
import software.amazon.awssdk.services.cloudformation.model.TypeConfigurationNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.TypeNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.TypeSummary;
import software.amazon.awssdk.services.cloudformation.model.Visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Lambda hook's registry operations through the AWS SDK's CloudFormation client (awsQuery). */
class CloudFormationHookTypesIT {
    private static final String CONFIGURATION = "{\"CloudFormationConfiguration\":{\"HookConfiguration\":{"
            + "\"HookInvocationStatus\":\"ENABLED\",\"TargetOperations\":[\"RESOURCE\"],\"FailureMode\":\"FAIL\","
            + "\"Properties\":{\"LambdaFunction\":\"guard\"},"
            + "\"TargetFilters\":{\"Actions\":[\"CREATE\"],\"TargetNames\":[\"AWS::S3::*\"]}}}}";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CloudFormationClient cfn = slipway.cloudFormation();

    @Test
    void activateConfigureDescribeListAndDeactivate() {
        String arn = cfn.activateType(r -> r.type(ThirdPartyType.HOOK).typeName("AWS::Hooks::LambdaHook")
                .typeNameAlias("It::Hooks::Guard").executionRoleArn("arn:aws:iam::000000000000:role/hooks")).arn();
        assertThat(arn).isEqualTo("arn:aws:cloudformation:us-east-1:000000000000:type/hook/It-Hooks-Guard");

        String configurationArn = cfn.setTypeConfiguration(r -> r.typeArn(arn).configuration(CONFIGURATION))
                .configurationArn();
        assertThat(configurationArn).isEqualTo(
                "arn:aws:cloudformation:us-east-1:000000000000:type-configuration/hook/It-Hooks-Guard/default");

        DescribeTypeResponse described = cfn.describeType(r -> r.type(RegistryType.HOOK).typeName("It::Hooks::Guard"));
        assertThat(described.arn()).isEqualTo(arn);
        assertThat(described.originalTypeName()).isEqualTo("AWS::Hooks::LambdaHook");
        assertThat(described.isActivated()).isTrue();
        assertThat(described.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(cfn.listTypes(r -> r.type(RegistryType.HOOK).visibility(Visibility.PRIVATE)).typeSummaries())
                .extracting(TypeSummary::typeName).contains("It::Hooks::Guard");
        assertThat(cfn.batchDescribeTypeConfigurations(r -> r.typeConfigurationIdentifiers(i -> i.typeArn(arn)))
                .typeConfigurations()).singleElement().satisfies(c -> {
                    assertThat(c.arn()).isEqualTo(configurationArn);
                    assertThat(c.configuration()).isEqualTo(CONFIGURATION);
                    assertThat(c.isDefaultConfiguration()).isTrue();
                });

        cfn.deactivateType(r -> r.arn(arn));
        assertThatThrownBy(() -> cfn.describeType(r -> r.arn(arn))).isInstanceOf(TypeNotFoundException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(404));
    }

    @Test
    void registryErrorsAreModelled() {
        assertThatThrownBy(() -> cfn.activateType(r -> r.type(ThirdPartyType.HOOK).typeName("AWS::Hooks::LambdaHook")
                .typeNameAlias("AWS::Hooks::Mine"))).isInstanceOf(CfnRegistryException.class)
                .hasMessageContaining("must not begin with AWS");
        cfn.activateType(r -> r.type(ThirdPartyType.HOOK).typeName("AWS::Hooks::LambdaHook").typeNameAlias("It::Hooks::Bad"));
        assertThatThrownBy(() -> cfn.setTypeConfiguration(r -> r.type(ThirdPartyType.HOOK).typeName("It::Hooks::Bad")
                .configuration("{\"CloudFormationConfiguration\":{\"HookConfiguration\":{}}}")))
                .isInstanceOf(CfnRegistryException.class).hasMessageContaining("HookInvocationStatus is required");
        assertThatThrownBy(() -> cfn.batchDescribeTypeConfigurations(r -> r.typeConfigurationIdentifiers(
                i -> i.type(ThirdPartyType.HOOK).typeName("It::Hooks::Bad"))))
                .isInstanceOf(TypeConfigurationNotFoundException.class);
        assertThatThrownBy(() -> cfn.getHookResult(r -> r.hookResultId("00000000-0000-4000-8000-000000000001")))
                .isInstanceOf(HookResultNotFoundException.class);
    }
}
