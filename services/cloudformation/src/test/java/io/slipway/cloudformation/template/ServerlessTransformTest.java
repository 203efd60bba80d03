package io.slipway.cloudformation.template;

import io.slipway.core.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SAM transform against what SAM itself writes for the same templates: each fixture's expected
 * JSON is SAM's translator output for the YAML beside it (region eu-west-1, parameter defaults), so
 * logical ids, hashes, roles, deployment groups and rewritten references must match SAM's exactly.
 */
class ServerlessTransformTest {
    static final Namespace NS = new Namespace("123456789012", "eu-west-1");

    static ProcessedTemplate process(String body, Map<String, String> given) {
        TemplateObjects none = (ns, location, max) -> {
            throw new TemplateException("S3 error: Access Denied");
        };
        return Transforms.process(body, new Transforms.Inputs(NS, none, "localhost",
                t -> ParameterValues.resolve(t, given, Map.of(), Set.of()), new StackContext()));
    }

    static String fixture(String name) {
        try (InputStream in = ServerlessTransformTest.class.getResourceAsStream("serverless/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"canary-function", "all-properties", "propagated-tags", "conditional-roles", "function-urls", "event-invoke-configs", "mapped-preferences"})
    void expandsAsSamDoes(String name) {
        ProcessedTemplate p = process(fixture(name + ".yaml"), Map.of());
        assertThat(p.transforms()).containsExactly("AWS::Serverless-2016-10-31");
        Object actual = Template.document(p.body());
        Object expected = Template.document(fixture(name + ".json"));
        assertThat(actual).isEqualTo(expected);
    }

    private static final String PREFIX = "Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless "
            + "Application Specification document. Number of errors found: 1. ";

    private static String function(String properties) {
        return "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
                + "    Properties:\n      Handler: a.b\n      Runtime: nodejs20.x\n" + properties.indent(6);
    }

    /** Each message as SAM's translator writes it for the same resource ({@code ~} starts a new line). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Timeout: 3                                                  | Only one of 'InlineCode' or 'CodeUri' can be set.
            InlineCode: x~Handlr: a.b                                  | property Handlr not defined for resource of type AWS::Serverless::Function
            InlineCode: x~DeploymentPreference: {Type: AllAtOnce}      | 'DeploymentPreference' requires AutoPublishAlias property to be specified.
            InlineCode: x~AutoPublishAlias: live~DeploymentPreference: {Enabled: true} | 'DeploymentPreference' is missing required Property 'Type'
            InlineCode: x~AutoPublishAlias: 'live!'                    | AutoPublishAlias name ('live!') must contain only alphanumeric characters, hyphens, or underscores matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.
            InlineCode: x~Policies: [{Foo: {}}]                        | Policy at index 0 in the 'Policies' property is not valid
            CodeUri: ./src                                              | 'CodeUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.
            """)
    void malformedFunctionsAreRefusedWithSamsMessage(String properties, String message) {
        assertThatThrownBy(() -> process(function(properties.replace("~", "\n")), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage(PREFIX + "Resource with id [Fn] is invalid. " + message);
    }

    @Test
    void everyInvalidResourceIsCountedAsSamCountsThem() {
        String body = function("Timeout: 3") + "  Layer:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      LayerName: x\n";
        assertThatThrownBy(() -> process(body, Map.of())).hasMessage("Transform AWS::Serverless-2016-10-31 failed with: "
                + "Invalid Serverless Application Specification document. Number of errors found: 2. "
                + "Resource with id [Fn] is invalid. Only one of 'InlineCode' or 'CodeUri' can be set. "
                + "Resource with id [Layer] is invalid. Missing required property 'ContentUri'.");
    }

    @Test
    void aGeneratedResourceMayNotTakeAnIdTheTemplateUses() {
        String body = function("InlineCode: x") + "  FnRole:\n    Type: AWS::SNS::Topic\n";
        assertThatThrownBy(() -> process(body, Map.of())).hasMessage(PREFIX + "Transforming resource with id [Fn] attempts "
                + "to create a new resource with id [FnRole] and type \"AWS::IAM::Role\". A resource with that id already "
                + "exists within this template. Please use a different id for that resource.");
    }

    @Test
    void globalsSectionsAndPropertiesSamDoesNotTakeAreRefused() {
        String body = function("InlineCode: x");
        assertThatThrownBy(() -> process(body.replace("Resources:", "Globals:\n  Functions:\n    Runtime: x\nResources:"), Map.of()))
                .hasMessage(PREFIX + "'Globals' section is invalid. 'Functions' is not supported. Must be one of the "
                        + "following values - ['Api', 'CapacityProvider', 'Function', 'HttpApi', 'LayerVersion', "
                        + "'SimpleTable', 'StateMachine', 'WebSocketApi']");
        assertThatThrownBy(() -> process(body.replace("Resources:", "Globals:\n  Function:\n    Role: x\nResources:"), Map.of()))
                .hasMessageStartingWith(PREFIX + "'Globals' section is invalid. 'Role' is not a supported property of "
                        + "'Function'. Must be one of the following values - ['Handler', 'Runtime', 'CodeUri', ");
        assertThatThrownBy(() -> process(body.replace("Resources:", "Globals: 3\nResources:"), Map.of()))
                .hasMessage(PREFIX + "'Globals' section is invalid. It must be a non-empty dictionary");
    }

    @Test
    void aNewCodeLocationIsANewVersionAndTheAliasFollows() {
        String v1 = resources(process(function("CodeUri: s3://art/v1.zip\nAutoPublishAlias: live"), Map.of()));
        String v2 = resources(process(function("CodeUri: s3://art/v2.zip\nAutoPublishAlias: live"), Map.of()));
        String again = resources(process(function("CodeUri: s3://art/v1.zip\nAutoPublishAlias: live"), Map.of()));
        assertThat(v1).matches(".*FnVersion[0-9a-f]{10}.*").isEqualTo(again).isNotEqualTo(v2);
    }

    @Test
    void codeSha256NamesTheVersionAndParametersInTheCodeAreResolvedBeforeHashing() {
        String body = function("CodeUri: {Bucket: art, Key: !Ref Key}\nAutoPublishAlias: live")
                .replace("Resources:", "Parameters:\n  Key: {Type: String}\nResources:");
        String a = resources(process(body, Map.of("Key", "a.zip")));
        String b = resources(process(body, Map.of("Key", "b.zip")));
        assertThat(a).isNotEqualTo(b);
        String sha = resources(process(function("InlineCode: x\nAutoPublishAlias: live\nAutoPublishCodeSha256: abcdef0123456789"), Map.of()));
        assertThat(sha).contains("FnVersionabcdef0123", "FnAliaslive");
    }

    @Test
    void typesWithoutAnExpanderAreRefusedAndUnknownOnesLeftToCloudFormation() {
        String table = "Transform: AWS::Serverless-2016-10-31\nResources:\n  T:\n    Type: AWS::Serverless::StateMachine\n";
        assertThatThrownBy(() -> process(table, Map.of()))
                .hasMessage(PREFIX + "Resource with id [T] is invalid. Resource type AWS::Serverless::StateMachine is not "
                        + "supported by Slipway's SAM transform.");
        String unknown = "Transform: AWS::Serverless-2016-10-31\nResources:\n  T:\n    Type: AWS::Serverless::Foo\n";
        assertThat(process(unknown, Map.of()).body()).contains("AWS::Serverless::Foo");
    }

    @Test
    void languageExtensionsDeclaredFirstWriteOutFunctionsThatSamThenExpands() {
        String body = """
                Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
                Resources:
                  Fn::ForEach::Fns:
                    - N
                    - [A, B]
                    - ${N}Fn:
                        Type: AWS::Serverless::Function
                        Properties:
                          InlineCode: !Sub "exports.handler = async () => '${N}';"
                          Handler: index.handler
                          Runtime: nodejs20.x
                          AutoPublishAlias: live
                Outputs:
                  Alias:
                    Value: !Ref AFn.Alias
                """;
        ProcessedTemplate p = process(body, Map.of());
        assertThat(p.transforms()).containsExactly("AWS::LanguageExtensions", "AWS::Serverless-2016-10-31");
        assertThat(resources(p)).matches("AFn,AFnVersion[0-9a-f]{10},AFnAliaslive,AFnRole,BFn,BFnVersion[0-9a-f]{10},BFnAliaslive,BFnRole");
        assertThat(p.body()).contains("{\"Ref\":\"AFnAliaslive\"}");
    }

    /** The generated resources' logical ids, in order. */
    private static String resources(ProcessedTemplate p) {
        Map<?, ?> document = (Map<?, ?>) Template.document(p.body());
        return String.join(",", ((Map<?, ?>) document.get("Resources")).keySet().stream().map(String::valueOf).toList());
    }
}
