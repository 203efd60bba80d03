package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CloudFormation with Parameter Store: AWS::SSM::Parameter resources, SSM-typed template parameters, dynamic references. */
class SsmStacksIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();

    private static final String ACCOUNT = "300000000001";
    private final CloudFormationClient cfn = slipway.cloudFormation(ACCOUNT, "us-east-1");
    private final SsmClient ssm = slipway.ssm(ACCOUNT);

    private static String parameterTemplate(String name, String value) {
        return """
                {"Resources": {"P": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "%s", "Type": "String",
                  "Value": "%s", "Description": "made by a stack", "Tags": {"team": "core"}}},
                  "Generated": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "StringList", "Value": "a,b"}}},
                 "Outputs": {"Name": {"Value": {"Ref": "P"}}, "Value": {"Value": {"Fn::GetAtt": ["P", "Value"]}},
                  "Type": {"Value": {"Fn::GetAtt": ["Generated", "Type"]}}, "GenName": {"Value": {"Ref": "Generated"}}}}
                """.formatted(name, value);
    }

    @Test
    void aParameterResourceIsCreatedUpdatedInPlaceReplacedOnRenameAndDeleted() {
        cfn.createStack(r -> r.stackName("params").templateBody(parameterTemplate("/cfn/p", "one")));
        Map<String, String> out = outputs(settle("params", StackStatus.CREATE_COMPLETE));
        assertThat(out).containsEntry("Name", "/cfn/p").containsEntry("Value", "one").containsEntry("Type", "StringList");
        assertThat(ssm.getParameter(r -> r.name("/cfn/p")).parameter().value()).isEqualTo("one");
        assertThat(ssm.getParameter(r -> r.name(out.get("GenName"))).parameter().value()).isEqualTo("a,b");
        assertThat(ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/cfn/p"))
                .tagList()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=core");

        cfn.updateStack(r -> r.stackName("params").templateBody(parameterTemplate("/cfn/p", "two")));
        settle("params", StackStatus.UPDATE_COMPLETE);
        var p = ssm.getParameter(r -> r.name("/cfn/p")).parameter();
        assertThat(p.value()).isEqualTo("two");
        assertThat(p.version()).isEqualTo(2); // the same parameter, a new version

        cfn.updateStack(r -> r.stackName("params").templateBody(parameterTemplate("/cfn/q", "two")));
        settle("params", StackStatus.UPDATE_COMPLETE);
        assertThat(ssm.getParameter(r -> r.name("/cfn/q")).parameter().version()).isEqualTo(1);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/cfn/p"))).isInstanceOf(ParameterNotFoundException.class);

        cfn.deleteStack(r -> r.stackName("params"));
        slipway.awaitIdle();
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/cfn/q"))).isInstanceOf(ParameterNotFoundException.class);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name(out.get("GenName")))).isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void ssmTypedTemplateParametersResolveAtEachCreateAndUpdate() {
        ssm.putParameter(r -> r.name("/cfg/env").value("staging").type(ParameterType.STRING));
        ssm.putParameter(r -> r.name("/cfg/zones").value("a,b,c").type(ParameterType.STRING_LIST));
        String template = """
                {"Parameters": {"Env": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/cfg/env"},
                                "Zones": {"Type": "AWS::SSM::Parameter::Value<List<String>>", "Default": "/cfg/zones"}},
                 "Resources": {"H": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
                 "Outputs": {"Env": {"Value": {"Ref": "Env"}}, "Second": {"Value": {"Fn::Select": [1, {"Ref": "Zones"}]}}}}
                """;
        cfn.createStack(r -> r.stackName("resolving").templateBody(template));
        Stack stack = settle("resolving", StackStatus.CREATE_COMPLETE);
        assertThat(outputs(stack)).containsEntry("Env", "staging").containsEntry("Second", "b");
        assertThat(stack.parameters()).extracting(Parameter::parameterKey, Parameter::parameterValue, Parameter::resolvedValue)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Env", "/cfg/env", "staging"),
                        org.assertj.core.groups.Tuple.tuple("Zones", "/cfg/zones", "a,b,c"));

        ssm.putParameter(r -> r.name("/cfg/env").value("production").overwrite(true));
        cfn.updateStack(r -> r.stackName("resolving").templateBody(template.replace("\"H\"", "\"H2\"")));
        assertThat(outputs(settle("resolving", StackStatus.UPDATE_COMPLETE))).containsEntry("Env", "production");

        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("unresolved").templateBody(template)
                .parameters(Parameter.builder().parameterKey("Env").parameterValue("/cfg/none").build())))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageContaining("Unable to fetch parameters [/cfg/none] from parameter store for this account.");
        // another account's parameter of the same name is not this stack's
        assertThatThrownBy(() -> slipway.cloudFormation("300000000002", "us-east-1").createStack(r -> r
                .stackName("elsewhere").templateBody(template))).isInstanceOf(CloudFormationException.class)
                .hasMessageContaining("Unable to fetch parameters");
    }

    @Test
    void dynamicReferencesResolveWhenTheResourceIsMadeAndStayInTheTemplate() {
        ssm.putParameter(r -> r.name("/dyn/source").value("first").type(ParameterType.STRING));
        ssm.putParameter(r -> r.name("/dyn/source").value("second").overwrite(true));
        String template = """
                {"Resources": {"Copy": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/dyn/copy", "Type": "String",
                  "Value": "v={{resolve:ssm:/dyn/source}} old={{resolve:ssm:/dyn/source:1}}"}}}}
                """;
        cfn.createStack(r -> r.stackName("dynamic").templateBody(template));
        settle("dynamic", StackStatus.CREATE_COMPLETE);
        assertThat(ssm.getParameter(r -> r.name("/dyn/copy")).parameter().value()).isEqualTo("v=second old=first");
        assertThat(cfn.getTemplate(r -> r.stackName("dynamic")).templateBody()).contains("{{resolve:ssm:/dyn/source}}")
                .doesNotContain("v=second");

        cfn.createStack(r -> r.stackName("dangling").templateBody(template.replace("/dyn/copy", "/dyn/other")
                .replace("/dyn/source}}", "/dyn/missing}}")));
        settle("dangling", StackStatus.ROLLBACK_COMPLETE);
        assertThat(failureReasons("dangling")).contains("Unable to fetch parameters [/dyn/missing] from parameter store");

        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("secure").templateBody(template
                .replace("{{resolve:ssm:/dyn/source}}", "{{resolve:ssm-secure:/dyn/source}}"))))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageContaining("SSM Secure reference is not supported in: [AWS::SSM::Parameter/Properties/Value]");
        cfn.createStack(r -> r.stackName("securetype").templateBody("""
                {"Resources": {"S": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "SecureString", "Value": "x"}}}}
                """)); // CloudFormation makes no SecureString parameter
        settle("securetype", StackStatus.ROLLBACK_COMPLETE);
        assertThat(failureReasons("securetype")).contains("SecureString is not supported");
    }

    private Stack settle(String name, StackStatus expected) {
        slipway.awaitIdle();
        Stack stack = cfn.describeStacks(r -> r.stackName(name)).stacks().getFirst();
        assertThat(stack.stackStatus()).as(stack.stackStatusReason()).isEqualTo(expected);
        return stack;
    }

    private String failureReasons(String stack) {
        return cfn.describeStackEvents(r -> r.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusAsString().endsWith("_FAILED")).map(e -> e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }
}
