package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A template as real ones are written: IAM roles, a managed policy and an instance profile next to
 * an SSM parameter, with a template parameter read from Parameter Store. It creates, updates (one
 * change in place, one replacing), and deletes, all in Slipway's own IAM and SSM.
 */
class IdentityStacksIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private static final String ACCOUNT = "141414141414";
    private final CloudFormationClient cfn = slipway.cloudFormation(ACCOUNT, "us-east-1");
    private final IamClient iam = slipway.iam(ACCOUNT);
    private final SsmClient ssm = slipway.ssm(ACCOUNT);

    static final String TEMPLATE = """
            Parameters:
              Release: {Type: "AWS::SSM::Parameter::Value<String>", Default: /shop/release}
              Sessions: {Type: Number, Default: 3600}
              EndpointName: {Type: String, Default: /shop/endpoint}
            Resources:
              Deploy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement: [{Effect: Allow, Action: "codedeploy:*", Resource: "*"}]
              AppRole:
                Type: AWS::IAM::Role
                Properties:
                  Description: !Sub "shop release ${Release}"
                  MaxSessionDuration: !Ref Sessions
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
                  ManagedPolicyArns: [!Ref Deploy]
              Profile:
                Type: AWS::IAM::InstanceProfile
                Properties:
                  Roles: [!Ref AppRole]
              Endpoint:
                Type: AWS::SSM::Parameter
                Properties:
                  Name: !Ref EndpointName
                  Type: String
                  Value: !GetAtt AppRole.Arn
            Outputs:
              Role: {Value: !Ref AppRole}
              RoleId: {Value: !GetAtt AppRole.RoleId}
              Parameter: {Value: !Ref Endpoint}
            """;

    private Stack stack() {
        slipway.awaitIdle();
        return cfn.describeStacks(r -> r.stackName("shop")).stacks().getFirst();
    }

    private Map<String, String> outputs() {
        return stack().outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    private static Parameter parameter(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    @Test
    void rolesPoliciesAProfileAndAParameterCreateUpdateAndDelete() {
        ssm.putParameter(r -> r.name("/shop/release").value("2026.12").type("String"));
        cfn.createStack(r -> r.stackName("shop").templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM));
        Stack created = stack();
        assertThat(created.stackStatus()).as(created.stackStatusReason()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(created.parameters()).filteredOn(p -> p.parameterKey().equals("Release"))
                .singleElement().satisfies(p -> {
                    assertThat(p.parameterValue()).isEqualTo("/shop/release");
                    assertThat(p.resolvedValue()).isEqualTo("2026.12");
                });
        Map<String, String> out = outputs();
        String role = out.get("Role");
        assertThat(iam.getRole(r -> r.roleName(role)).role().description()).isEqualTo("shop release 2026.12");
        assertThat(ssm.getParameter(r -> r.name("/shop/endpoint")).parameter().value())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/" + role);
        assertThat(iam.listInstanceProfilesForRole(r -> r.roleName(role)).instanceProfiles()).hasSize(1);

        // the session limit changes the role in place; a new name replaces the parameter
        cfn.updateStack(r -> r.stackName("shop").templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameter("Sessions", "7200"), parameter("EndpointName", "/shop/v2/endpoint")));
        Stack updated = stack();
        assertThat(updated.stackStatus()).as(updated.stackStatusReason()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(outputs().get("RoleId")).isEqualTo(out.get("RoleId"));
        assertThat(iam.getRole(r -> r.roleName(role)).role().maxSessionDuration()).isEqualTo(7200);
        assertThat(outputs().get("Parameter")).isEqualTo("/shop/v2/endpoint");
        assertThat(ssm.getParameter(r -> r.name("/shop/v2/endpoint")).parameter().version()).isEqualTo(1L);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/shop/endpoint"))).isInstanceOf(ParameterNotFoundException.class);

        cfn.deleteStack(r -> r.stackName("shop"));
        slipway.awaitIdle();
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName(role))).isInstanceOf(NoSuchEntityException.class);
        assertThat(iam.listPolicies(r -> r.scope("Local")).policies()).isEmpty();
        assertThat(iam.listInstanceProfiles().instanceProfiles()).isEmpty();
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/shop/v2/endpoint"))).isInstanceOf(ParameterNotFoundException.class);
        assertThat(ssm.getParameter(r -> r.name("/shop/release")).parameter().value()).isEqualTo("2026.12");
    }
}
