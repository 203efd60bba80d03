package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Template Rules: the CDK's CheckBootstrapVersion rule reads the bootstrap version from Parameter
 * Store and lets CreateStack, UpdateStack and CreateChangeSet through from version 6, refusing them
 * with the assertion's description below it.
 */
class StackRulesIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();

    private static final String ACCOUNT = "300000000002";
    private static final String DESCRIPTION = "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent"
            + " version of the CDK CLI.";
    private static final String CDK_STACK = """
            {"Parameters": {"BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>",
                "Default": "/cdk-bootstrap/hnb659fds/version"}},
             "Rules": {"CheckBootstrapVersion": {"Assertions": [{
                "Assert": {"Fn::Not": [{"Fn::Contains": [["1", "2", "3", "4", "5"], {"Ref": "BootstrapVersion"}]}]},
                "AssertDescription": "%s"}]}},
             "Resources": {"P": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "%s"}}}}
            """;
    private final CloudFormationClient cfn = slipway.cloudFormation(ACCOUNT, "us-east-1");
    private final SsmClient ssm = slipway.ssm(ACCOUNT);

    @Test
    void cdksBootstrapVersionRulePassesFromVersionSixAndRefusesOlderBootstraps() {
        ssm.putParameter(r -> r.name("/cdk-bootstrap/hnb659fds/version").value("5").type(ParameterType.STRING));
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("app").templateBody(CDK_STACK.formatted(DESCRIPTION, "one"))))
                .satisfies(e -> StacksIT.assertValidation(e, DESCRIPTION));
        assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("app").changeSetName("first")
                .changeSetType(ChangeSetType.CREATE).templateBody(CDK_STACK.formatted(DESCRIPTION, "one"))))
                .satisfies(e -> StacksIT.assertValidation(e, DESCRIPTION));

        ssm.putParameter(r -> r.name("/cdk-bootstrap/hnb659fds/version").value("21").overwrite(true));
        cfn.createStack(r -> r.stackName("app").templateBody(CDK_STACK.formatted(DESCRIPTION, "one")));
        Eventually.await(() -> cfn.describeStacks(r -> r.stackName("app")).stacks().getFirst(),
                s -> s.stackStatus() == StackStatus.CREATE_COMPLETE);

        ssm.putParameter(r -> r.name("/cdk-bootstrap/hnb659fds/version").value("4").overwrite(true));
        assertThatThrownBy(() -> cfn.updateStack(r -> r.stackName("app").templateBody(CDK_STACK.formatted(DESCRIPTION, "two"))))
                .satisfies(e -> StacksIT.assertValidation(e, DESCRIPTION));
        assertThat(cfn.describeStacks(r -> r.stackName("app")).stacks().getFirst().stackStatus())
                .isEqualTo(StackStatus.CREATE_COMPLETE);
    }
}
