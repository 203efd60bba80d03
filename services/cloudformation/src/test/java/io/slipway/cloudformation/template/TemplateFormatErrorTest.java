package io.slipway.cloudformation.template;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Templates CloudFormation rejects before running anything, with the message it answers. */
class TemplateFormatErrorTest {
    private static final String RESOURCES = "Resources:\n  A: {Type: X}\n";

    static Stream<Arguments> badTemplates() {
        return Stream.of(
                arguments("Description: none\n", "At least one Resources member must be defined."),
                arguments(RESOURCES + "Foo: 1\nBar: 2\n", "Invalid template property or properties [Foo, Bar]"),
                arguments("Resources:\n  my-bucket: {Type: X}\n", "Resource name my-bucket is non alphanumeric."),
                arguments("Resources:\n  A: {Properties: {}}\n", "[/Resources/A] Every Resources object must contain a Type member."),
                arguments("Resources:\n  A: {Type: X, Foo: 1}\n", "Invalid template resource property 'Foo'"),
                arguments("Resources:\n  A: {Type: X, DependsOn: {Ref: B}}\n", "DependsOn must be a string or list of strings."),
                arguments("Resources:\n  A: {Type: X, Condition: Nope}\n",
                        "Unresolved condition dependency Nope in the Resources block of the template"),
                arguments("Resources:\n  A: {Type: X, Condition: [C]}\nConditions:\n  C: {Fn::Equals: [a, a]}\n",
                        "Every Condition member must be a string."),
                arguments("Resources:\n  A: {Type: X, DeletionPolicy: Keep}\n", "Unrecognized DeletionPolicy Keep for resource A"),
                arguments("Resources:\n  A: {Type: X, Properties: {P: }}\n",
                        "[/Resources/A/Properties/P] 'null' values are not allowed in templates"),
                arguments("Resources:\n  A: {Type: X, Properties: {P: [a, ~]}}\n",
                        "[/Resources/A/Properties/P/1] 'null' values are not allowed in templates"),
                arguments("plain text", "unsupported structure."),
                arguments("AWSTemplateFormatVersion: '2011-01-01'\n" + RESOURCES,
                        "Unsupported template version 2011-01-01 (AWSTemplateFormatVersion can only be 2010-09-09)"),
                arguments("Transform: AWS::Serverless-2016-10-31\n" + RESOURCES,
                        "Transform AWS::Serverless-2016-10-31 is not supported: Slipway runs templates without transforms or macros"),
                arguments("Description: [a]\n" + RESOURCES, "Every Description member must be a string."),
                arguments(RESOURCES + "Outputs:\n  O: {Description: d}\n", "Every Outputs member must contain a Value object"),
                arguments(RESOURCES + "Outputs:\n  my_out: {Value: v}\n", "Outputs name 'my_out' is non alphanumeric."),
                arguments(RESOURCES + "Outputs:\n  O: {Value: v, Export: {}}\n",
                        "Output O is malformed. The Name field of every Export member must be specified."),
                arguments(RESOURCES + "Outputs:\n  O: {Value: v, Condition: C}\n",
                        "Unresolved condition dependency C in the Outputs block of the template"),
                arguments(RESOURCES + "Mappings:\n  M: {a: 1}\n", "Mappings attribute M must be a map of maps."),
                arguments("Parameters:\n  P: {Type: Text}\n" + RESOURCES, "Unrecognized parameter type: Text"),
                arguments("Parameters:\n  P: {Type: 'List<Text>'}\n" + RESOURCES, "Unrecognized parameter type: List<Text>"),
                arguments("Parameters:\n  P: {Default: x}\n" + RESOURCES, "Every Parameters object must contain a Type member."),
                arguments("Parameters:\n  P-1: {Type: String}\n" + RESOURCES, "Parameter name P-1 is non alphanumeric."),
                arguments("Parameters:\n  P: {Type: String, Secret: true}\n" + RESOURCES, "Invalid template parameter property 'Secret'"),
                arguments("Parameters:\n  P: {Type: 'AWS::SSM::Parameter::Value<Bogus>'}\n" + RESOURCES,
                        "Unrecognized parameter type: AWS::SSM::Parameter::Value<Bogus>"),
                arguments("Parameters:\n  P: {Type: String, MinLength: many}\n" + RESOURCES, "Parameter 'P' MinLength must be an integer"),
                arguments("Parameters:\n  P: {Type: Number, MaxValue: lots}\n" + RESOURCES, "Parameter 'P' MaxValue must be a number"),
                arguments("Parameters:\n  P: {Type: String, Default: [a]}\n" + RESOURCES, "Every Default member must be a string."),
                arguments("Parameters:\n  P: {Type: String, AllowedValues: a}\n" + RESOURCES,
                        "Parameter 'P' AllowedValues must be a list of strings"));
    }

    @ParameterizedTest
    @MethodSource("badTemplates")
    void rejectedWithCloudFormationWording(String body, String detail) {
        assertThatThrownBy(() -> Template.parse(body))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Template format error: " + detail);
    }

    @ParameterizedTest
    @MethodSource("badTemplates")
    void rejectedAlsoAsJson(String body, String detail) {
        // The same templates as JSON (through YAML's flow style) fail the same way, unless they are not maps at all.
        assumeTrue(body.contains(":"));
        assertThatThrownBy(() -> Template.parse(JsonOf.yaml(body)))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Template format error: " + detail);
    }
}
