package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.RegistryType;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.ThirdPartyType;
import software.amazon.awssdk.services.cloudformation.model.TypeNotFoundException;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a careless client can send CloudFormation: empty, blank, malformed and foreign stack names,
 * over-large templates and parameters, templates that expand or nest without bound, YAML that JSON
 * cannot say. Every answer is a modelled 4xx, through the SDK for Java v2 and the AWS CLI.
 */
class StackInputsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CloudFormationClient cfn = slipway.cloudFormation();

    private static final String HANDLE = "Resources:\n  H: {Type: AWS::CloudFormation::WaitConditionHandle}\n";
    private static final String EMPTY_NAME = "2 validation errors detected: Value '' at 'stackName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*;"
            + " Value '' at 'stackName' failed to satisfy constraint: Member must have length greater than or equal to 1";

    /** Every operation whose StackName names an existing stack, called with {@code name}. */
    private Map<String, Executable> operationsOn(String name) {
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("DescribeStacks", () -> cfn.describeStacks(r -> r.stackName(name)));
        calls.put("DeleteStack", () -> cfn.deleteStack(r -> r.stackName(name)));
        calls.put("UpdateStack", () -> cfn.updateStack(r -> r.stackName(name).templateBody(HANDLE)));
        calls.put("DescribeStackEvents", () -> cfn.describeStackEvents(r -> r.stackName(name)));
        calls.put("DescribeStackResource", () -> cfn.describeStackResource(r -> r.stackName(name).logicalResourceId("H")));
        calls.put("DescribeStackResources", () -> cfn.describeStackResources(r -> r.stackName(name)));
        calls.put("ListStackResources", () -> cfn.listStackResources(r -> r.stackName(name)));
        calls.put("GetTemplate", () -> cfn.getTemplate(r -> r.stackName(name)));
        return calls;
    }

    private static void assertValidation(Executable call, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void anEmptyStackNameIsAValidationErrorOnEveryOperation() {
        operationsOn("").forEach((operation, call) -> assertValidation(call, EMPTY_NAME));
    }

    @Test
    void blankAndMalformedStackNamesFailTheirPattern() {
        for (String name : new String[] {" ", "\t", "my_stack", "1stack", "stack name"}) {
            String message = "1 validation error detected: Value '" + name + "' at 'stackName' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*";
            operationsOn(name).forEach((operation, call) -> assertValidation(call, message));
        }
    }

    @Test
    void anOverLongNameOrAnIdWithoutItsUuidIsAStackThatDoesNotExist() {
        String longName = "a".repeat(300);
        String noUuid = "arn:aws:cloudformation:us-east-1:000000000000:stack/s/";
        for (String name : new String[] {longName, noUuid}) {
            Map<String, Executable> calls = operationsOn(name);
            calls.remove("DeleteStack"); // deleting what does not exist succeeds, as on AWS
            calls.forEach((operation, call) -> assertValidation(call, "Stack with id " + name + " does not exist"));
            cfn.deleteStack(r -> r.stackName(name));
        }
        assertThatThrownBy(() -> cfn.describeChangeSet(r -> r.changeSetName(
                "arn:aws:cloudformation:us-east-1:000000000000:changeSet/cs/"))).isInstanceOf(ChangeSetNotFoundException.class);
    }

    @Test
    void anotherAccountsOrRegionsStackIsAStackThatDoesNotExist() {
        CloudFormationClient other = slipway.cloudFormation("111122223333", "us-east-1");
        String theirs = other.createStack(r -> r.stackName("theirs").templateBody(HANDLE)).stackId();
        slipway.awaitIdle();
        CloudFormationClient elsewhere = slipway.cloudFormation("111122223333", "eu-west-1");
        for (CloudFormationClient client : new CloudFormationClient[] {cfn, elsewhere}) {
            assertThatThrownBy(() -> client.describeStacks(r -> r.stackName(theirs))).isInstanceOfSatisfying(
                    AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Stack with id " + theirs + " does not exist"));
            assertThatThrownBy(() -> client.describeStackEvents(r -> r.stackName(theirs)))
                    .hasMessageContaining("Stack with id " + theirs + " does not exist");
            assertThatThrownBy(() -> client.listChangeSets(r -> r.stackName(theirs)))
                    .hasMessageContaining("Stack with id " + theirs + " does not exist");
            assertThatThrownBy(() -> client.describeChangeSet(r -> r.stackName(theirs).changeSetName("cs")))
                    .isInstanceOf(ChangeSetNotFoundException.class);
            client.deleteStack(r -> r.stackName(theirs)); // not theirs to delete: nothing happens
        }
        slipway.awaitIdle();
        assertThat(other.describeStacks(r -> r.stackName(theirs)).stacks().getFirst().stackStatus())
                .isEqualTo(StackStatus.CREATE_COMPLETE);
    }

    @Test
    void typeNamesAndChangeSetNamesGetTheModelsAnswersAndForeignTypesDoNotExist() {
        for (String name : new String[] {"", " ", "Team::Hooks::" + "A".repeat(200), "not a type name"}) {
            assertThatThrownBy(() -> cfn.describeType(r -> r.type(RegistryType.HOOK).typeName(name)))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("at 'typeName' failed to satisfy constraint");
                    });
        }
        for (String name : new String[] {"", " ", "c".repeat(129), "bad_name"}) {
            assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("s").changeSetName(name).templateBody(HANDLE)))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("at 'changeSetName' failed to satisfy constraint");
                    });
        }
        CloudFormationClient other = slipway.cloudFormation("111122223333", "us-east-1");
        String theirs = other.activateType(r -> r.type(ThirdPartyType.HOOK).typeName("AWS::Hooks::LambdaHook")
                .typeNameAlias("Their::Hooks::Guard").executionRoleArn("arn:aws:iam::111122223333:role/hooks")).arn();
        assertThatThrownBy(() -> cfn.describeType(r -> r.arn(theirs))).isInstanceOf(TypeNotFoundException.class);
        assertThatThrownBy(() -> cfn.setTypeConfiguration(r -> r.typeArn(theirs).configuration("{}")))
                .isInstanceOf(TypeNotFoundException.class);
        assertThatThrownBy(() -> cfn.deactivateType(r -> r.arn(theirs))).isInstanceOf(TypeNotFoundException.class);
        assertThat(other.describeType(r -> r.arn(theirs)).typeName()).isEqualTo("Their::Hooks::Guard");
    }

    @Test
    void theAwsCliGetsTheSameValidationErrorForAnEmptyName() {
        AwsCli.requireCli();
        AwsCli.Result r = AwsCli.at(slipway.endpoint(), "cloudformation", "describe-stacks", "--stack-name", "");
        assertThat(r.exitCode()).as(r.stderr()).isNotZero(); // 255 from the CLI v1, 254 from v2
        assertThat(r.stderr()).contains("An error occurred (ValidationError) when calling the DescribeStacks operation: "
                + EMPTY_NAME);
    }

    @Test
    void aTemplateBodyBeyondItsQuotaIsRefusedWithTheBodyQuoted() {
        StringBuilder many = new StringBuilder("Resources:\n");
        for (int i = 0; i < 100_000; i++) {
            many.append("  R").append(i).append(": {Type: AWS::CloudFormation::WaitConditionHandle}\n");
        }
        String body = many.toString();
        String message = "1 validation error detected: Value '" + body + "' at 'templateBody' failed to satisfy constraint:"
                + " Member must have length less than or equal to 51200";
        assertValidation(() -> cfn.createStack(r -> r.stackName("many").templateBody(body)), message);
        assertValidation(() -> cfn.validateTemplate(r -> r.templateBody(body)), message);
        assertValidation(() -> cfn.getTemplateSummary(r -> r.templateBody(body)), message);
        assertValidation(() -> cfn.createChangeSet(r -> r.stackName("many").changeSetName("cs").templateBody(body)), message);
        // exactly at the quota (in UTF-8 bytes) is fine
        String atQuota = HANDLE + "Metadata:\n  Pad: " + "x".repeat(51_200 - HANDLE.length() - 18) + "\n";
        assertThat(atQuota.getBytes(StandardCharsets.UTF_8)).hasSize(51_200);
        cfn.validateTemplate(r -> r.templateBody(atQuota));
    }

    @Test
    void parameterValuesAreBoundedAndSoIsWhatTheyAreMadeInto() {
        String template = "Parameters:\n  P: {Type: String}\n" + HANDLE;
        assertValidation(() -> cfn.createStack(r -> r.stackName("param").templateBody(template)
                        .parameters(Parameter.builder().parameterKey("P").parameterValue("p".repeat(4_097)).build())),
                "1 validation error detected: Value '" + "p".repeat(4_097) + "' at 'parameters.1.member.parameterValue'"
                        + " failed to satisfy constraint: Member must have length less than or equal to 4096");

        // 4 KB parameters, substituted 1,100 times into one output: refused before anything starts
        String grows = "Parameters:\n  P: {Type: String}\n" + HANDLE + "Outputs:\n  O: {Value: !Sub '" + "${P}".repeat(1_100) + "'}\n";
        assertValidation(() -> cfn.createStack(r -> r.stackName("grows").templateBody(grows)
                        .parameters(Parameter.builder().parameterKey("P").parameterValue("p".repeat(4_000)).build())),
                "Template error: evaluating the template's intrinsic functions produces more than 4000000 characters");

        List<Parameter> strangers = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            strangers.add(Parameter.builder().parameterKey("Q" + i).parameterValue("v").build());
        }
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("strangers").templateBody(HANDLE).parameters(strangers)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Parameters: [Q0, Q1, ").endsWith("] do not exist in the template");
                });
        assertThatThrownBy(() -> cfn.describeStacks(r -> r.stackName("grows"))).hasMessageContaining("does not exist");
    }

    @Test
    void templatesThatExpandOrNestWithoutBoundAreValidationErrors() {
        String bomb = HANDLE + "Metadata:\n  a: &a [" + "xxxxxxxxxxxxxxxx,".repeat(8) + "x]\n"
                + "  b: &b [" + "!Join ['', *a], ".repeat(8) + "x]\n  c: &c [" + "!Join ['', *b], ".repeat(8) + "x]\n"
                + "  d: &d [" + "!Join ['', *c], ".repeat(8) + "x]\n  e: &e [" + "!Join ['', *d], ".repeat(8) + "x]\n"
                + "  f: &f [" + "!Join ['', *e], ".repeat(8) + "x]\nOutputs:\n  O: {Value: !Join ['', *f]}\n";
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(bomb, "Template format error: the template is larger than 1000000 bytes once its YAML aliases are expanded");
        refused.put(HANDLE + "Metadata:\n  a: &a [x, *a]\n", "Template format error: the template is nested more than 50 levels deep");
        refused.put("Resources: " + "[".repeat(10_000) + "]".repeat(10_000), "Template format error: the template is nested more than 50 levels deep");
        refused.put("{\"Resources\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}", "Template format error: the template is nested more than 50 levels deep");
        refused.put(HANDLE + "Metadata: {N: !!int abc}\n", "Template format error: YAML not well-formed.");
        refused.put(HANDLE + "Metadata: {B: !!binary aGVsbG8=}\n", "Template format error: YAML not well-formed. (line 3, column 15)");
        refused.put(HANDLE + "Metadata: {? [a, b] : c}\n", "Template format error: YAML not well-formed. (line 3, column 14)");
        refused.put(HANDLE + "Metadata: {N: 1e999999999}\n", "Template format error: the number 1e999999999 has more than 1000 digits");
        int i = 0;
        for (Map.Entry<String, String> t : refused.entrySet()) {
            String name = "refused" + i++;
            assertValidation(() -> cfn.createStack(r -> r.stackName(name).templateBody(t.getKey())), t.getValue());
            assertValidation(() -> cfn.validateTemplate(r -> r.templateBody(t.getKey())), t.getValue());
        }
        assertThat(cfn.listStacks(r -> { }).stackSummaries()).noneMatch(s -> s.stackName().startsWith("refused"));
    }

    @Test
    void garbageAndUnknownFunctionsAreValidationErrorsToo() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("\u00ff\u0001garbage\ufffd", "Template format error: YAML not well-formed.");
        // U+0000 is refused in every string member, templates included (PostgreSQL cannot hold it)
        refused.put("Resources: {}\u0000", "1 validation error detected: Value 'Resources: {}\ufffd' at 'templateBody' "
                + "failed to satisfy constraint: Member must not contain the character U+0000");
        refused.put(HANDLE.replace("{Type", "{Properties: {P: {Fn::Bogus: 1}}, Type"),
                "Template format error: Encountered unsupported function: Fn::Bogus");
        refused.put(HANDLE + "Outputs: {O: {Value: !ImportValue ''}}\n", null);
        for (Map.Entry<String, String> t : refused.entrySet()) {
            if (t.getValue() == null) {
                continue;
            }
            assertThatThrownBy(() -> cfn.validateTemplate(r -> r.templateBody(t.getKey())))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith(t.getValue());
                    });
        }
        // escapes of bytes that are not UTF-8 do not make a form value at all
        HttpResponse<String> raw = RawHttp.query(slipway.endpoint(), "Action=ValidateTemplate&Version=2010-05-15&TemplateBody=%FF%FE%00%C3");
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.body()).contains("<Code>MalformedQueryString</Code>");
        // an import of no name at all fails the stack with a reason instead of retrying forever
        cfn.createStack(r -> r.stackName("noimport").templateBody(HANDLE + "Outputs: {O: {Value: !ImportValue ''}}\n"));
        slipway.awaitIdle();
        assertThat(cfn.describeStacks(r -> r.stackName("noimport")).stacks().getFirst().stackStatus())
                .isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(cfn.describeStackEvents(r -> r.stackName("noimport")).stackEvents())
                .anySatisfy(e -> assertThat(e.resourceStatusReason()).startsWith("No export named  found"));
    }
}
