package io.slipway.cloudformation.template;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateParseYamlTest {

    private static Object property(String yamlValue) {
        Template t = Template.parse("Resources:\n  A:\n    Type: X::Y::Z\n    Properties:\n      P: " + yamlValue + "\n");
        return ((Map<?, ?>) t.resources().get("A").properties()).get("P");
    }

    @Test
    void shortTagsBecomeTheLongForm() {
        assertThat(property("!Ref Env")).isEqualTo(Map.of("Ref", "Env"));
        assertThat(property("!Sub 'x-${Env}'")).isEqualTo(Map.of("Fn::Sub", "x-${Env}"));
        assertThat(property("!Sub ['x-${V}', {V: !Ref Env}]"))
                .isEqualTo(Map.of("Fn::Sub", List.of("x-${V}", Map.of("V", Map.of("Ref", "Env")))));
        assertThat(property("!Join ['-', [a, !Ref Env]]"))
                .isEqualTo(Map.of("Fn::Join", List.of("-", List.of("a", Map.of("Ref", "Env")))));
        assertThat(property("!Select [1, !GetAZs '']"))
                .isEqualTo(Map.of("Fn::Select", List.of(1, Map.of("Fn::GetAZs", ""))));
        assertThat(property("!Split [',', 'a,b']")).isEqualTo(Map.of("Fn::Split", List.of(",", "a,b")));
        assertThat(property("!If [IsProd, 1, !Ref AWS::NoValue]"))
                .isEqualTo(Map.of("Fn::If", List.of("IsProd", 1, Map.of("Ref", "AWS::NoValue"))));
        assertThat(property("!FindInMap [M, a, b]")).isEqualTo(Map.of("Fn::FindInMap", List.of("M", "a", "b")));
        assertThat(property("!ImportValue shared")).isEqualTo(Map.of("Fn::ImportValue", "shared"));
        assertThat(property("!Base64 hello")).isEqualTo(Map.of("Fn::Base64", "hello"));
        assertThat(property("!Cidr ['10.0.0.0/16', 2, 8]")).isEqualTo(Map.of("Fn::Cidr", List.of("10.0.0.0/16", 2, 8)));
    }

    @Test
    void conditionTagsBecomeTheLongForm() {
        Template t = Template.parse("""
                Conditions:
                  A: !Equals [!Ref AWS::Region, eu-west-1]
                  B: !And [!Condition A, !Or [!Condition A, !Not [!Condition A]]]
                Resources:
                  R: {Type: X::Y::Z}
                """);

        assertThat(t.conditions().get("A")).isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "AWS::Region"), "eu-west-1")));
        assertThat(t.conditions().get("B")).isEqualTo(Map.of("Fn::And", List.of(Map.of("Condition", "A"),
                Map.of("Fn::Or", List.of(Map.of("Condition", "A"), Map.of("Fn::Not", List.of(Map.of("Condition", "A"))))))));
    }

    @Test
    void getAttSplitsOnTheFirstDotOrTakesASequence() {
        assertThat(property("!GetAtt Stack.Outputs.Name")).isEqualTo(Map.of("Fn::GetAtt", List.of("Stack", "Outputs.Name")));
        assertThat(property("!GetAtt [Bucket, Arn]")).isEqualTo(Map.of("Fn::GetAtt", List.of("Bucket", "Arn")));
    }

    @Test
    void datesStayTextAndDecimalsStayExact() {
        Template t = Template.parse("AWSTemplateFormatVersion: 2010-09-09\nResources:\n  A:\n    Type: X::Y::Z\n"
                + "    Properties: {When: 2024-01-02T03:04:05Z, Rate: 0.50, Count: 3, On: true}\n");
        Map<?, ?> properties = (Map<?, ?>) t.resources().get("A").properties();

        assertThat(t.formatVersion()).isEqualTo("2010-09-09");
        assertThat(properties.get("When")).isEqualTo("2024-01-02T03:04:05Z");
        assertThat(properties.get("Rate")).isEqualTo(new BigDecimal("0.50"));
        assertThat(properties.get("Count")).isEqualTo(3);
        assertThat(properties.get("On")).isEqualTo(true);
    }

    @Test
    void duplicateKeysAreAnErrorWithTheirLine() {
        assertThatThrownBy(() -> Template.parse("Resources:\n  A:\n    Type: X::Y::Z\n  A:\n    Type: X::Y::Z\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("Template format error: YAML not well-formed. (line 4,");
    }

    @Test
    void badYamlNamesLineAndColumn() {
        assertThatThrownBy(() -> Template.parse("Resources:\n  A:\n    Type: [unclosed\n"))
                .hasMessageMatching("Template format error: YAML not well-formed\\. \\(line \\d+, column \\d+\\)");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: !Unknown x\n"))
                .hasMessage("Template format error: YAML not well-formed. (line 2, column 6)");
    }

    @Test
    void jsonLikeBodyThatOnlyYamlReadsIsAccepted() {
        // CloudFormation falls back to YAML when JSON fails: unquoted keys are fine in a YAML flow mapping.
        Template t = Template.parse("{Resources: {A: {Type: X::Y::Z}}}");

        assertThat(t.resources()).containsOnlyKeys("A");
    }

    @Test
    void structuralErrorsUseCloudFormationWording() {
        assertThatThrownBy(() -> Template.parse("Description: none\n"))
                .hasMessage("Template format error: At least one Resources member must be defined.");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: X}\nFoo: 1\nBar: 2\n"))
                .hasMessage("Template format error: Invalid template property or properties [Foo, Bar]");
        assertThatThrownBy(() -> Template.parse("Resources:\n  my-bucket: {Type: X}\n"))
                .hasMessage("Template format error: Resource name my-bucket is non alphanumeric.");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Properties: {}}\n"))
                .hasMessage("Template format error: [/Resources/A] Every Resources object must contain a Type member.");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: X, Foo: 1}\n"))
                .hasMessage("Template format error: Invalid template resource property 'Foo'");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: X, DependsOn: {Ref: B}}\n"))
                .hasMessage("Template format error: DependsOn must be a string or list of strings.");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: X, Condition: Nope}\n"))
                .hasMessage("Template format error: Unresolved condition dependency Nope in the Resources block of the template");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: X, DeletionPolicy: Keep}\n"))
                .hasMessage("Template format error: Unrecognized DeletionPolicy Keep for resource A");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: X, Properties: {P: }}\n"))
                .hasMessage("Template format error: [/Resources/A/Properties/P] 'null' values are not allowed in templates");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: X, Properties: {P: {Fn::Length: [1]}}}\n"))
                .hasMessageStartingWith("Template format error: Encountered unsupported function: Fn::Length Supported functions are: [");
        assertThatThrownBy(() -> Template.parse("plain text"))
                .hasMessage("Template format error: unsupported structure.");
    }

    @Test
    void sectionsAreChecked() {
        assertThatThrownBy(() -> Template.parse("AWSTemplateFormatVersion: '2011-01-01'\nResources:\n  A: {Type: X}\n"))
                .hasMessageStartingWith("Template format error: Unsupported template version 2011-01-01");
        assertThatThrownBy(() -> Template.parse("Transform: AWS::Serverless-2016-10-31\nResources:\n  A: {Type: X}\n"))
                .hasMessage("Template format error: Transform AWS::Serverless-2016-10-31 is not supported:"
                        + " Slipway runs templates without transforms or macros");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: X}\nOutputs:\n  O: {Description: d}\n"))
                .hasMessage("Template format error: Every Outputs member must contain a Value object");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: X}\nOutputs:\n  my_out: {Value: v}\n"))
                .hasMessage("Template format error: Outputs name 'my_out' is non alphanumeric.");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: X}\nOutputs:\n  O: {Value: v, Export: {}}\n"))
                .hasMessage("Template format error: Output O is malformed. The Name field of every Export member must be specified.");
        assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: X}\nMappings:\n  M: {a: 1}\n"))
                .hasMessage("Template format error: Mappings attribute M must be a map of maps.");
    }

    @Test
    void metadataRulesAndPoliciesAreAccepted() {
        Template t = Template.parse("""
                Metadata: {Any: thing}
                Rules: {R: {Assertions: [{Assert: {Fn::Contains: [[a], a]}}]}}
                Resources:
                  A:
                    Type: X::Y::Z
                    Metadata: {Fn::Anything: 1}
                    CreationPolicy: {ResourceSignal: {Count: 1}}
                    UpdatePolicy: {AutoScalingReplacingUpdate: {WillReplace: true}}
                    UpdateReplacePolicy: Snapshot
                    DependsOn: [B, B]
                  B: {Type: X::Y::Z}
                """);

        assertThat(t.resources().get("A").updateReplacePolicy()).contains("Snapshot");
        assertThat(t.resources().get("A").dependsOn()).containsExactly("B");
    }

    @Test
    void parameterDeclarationsAreChecked() {
        assertThatThrownBy(() -> Template.parse("Parameters:\n  P: {Type: Text}\nResources:\n  A: {Type: X}\n"))
                .hasMessage("Template format error: Unrecognized parameter type: Text");
        assertThatThrownBy(() -> Template.parse("Parameters:\n  P: {Default: x}\nResources:\n  A: {Type: X}\n"))
                .hasMessage("Template format error: Every Parameters object must contain a Type member.");
        assertThatThrownBy(() -> Template.parse("Parameters:\n  P: {Type: String, Secret: true}\nResources:\n  A: {Type: X}\n"))
                .hasMessage("Template format error: Invalid template parameter property 'Secret'");
        assertThatThrownBy(() -> Template.parse("Parameters:\n  P: {Type: 'AWS::SSM::Parameter::Value<String>'}\nResources:\n  A: {Type: X}\n"))
                .hasMessageContaining("AWS::SSM::Parameter::Value<String> is not supported");
        assertThatThrownBy(() -> Template.parse("Parameters:\n  P: {Type: String, MinLength: many}\nResources:\n  A: {Type: X}\n"))
                .hasMessage("Template format error: Parameter 'P' MinLength must be an integer");

        Template t = Template.parse("""
                Parameters:
                  Key: {Type: 'AWS::EC2::KeyPair::KeyName', Description: the key, ConstraintDescription: pick one}
                  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}
                  Sizes: {Type: 'List<Number>', Default: '1,2'}
                  Name: {Type: String, AllowedPattern: '[a-z]+', MinLength: 2, MaxLength: '8', NoEcho: true}
                Resources:
                  A: {Type: X}
                """);
        assertThat(t.parameters().keySet()).containsExactly("Key", "Subnets", "Sizes", "Name");
        assertThat(t.parameters().get("Key").description()).contains("the key");
        assertThat(t.parameters().get("Key").constraintDescription()).contains("pick one");
        assertThat(t.parameters().get("Subnets").isList()).isTrue();
        assertThat(t.parameters().get("Sizes").defaultValue()).contains("1,2");
        Parameter name = t.parameters().get("Name");
        assertThat(name.noEcho()).isTrue();
        assertThat(name.allowedPattern()).contains("[a-z]+");
        assertThat(name.minLength()).hasValue(2);
        assertThat(name.maxLength()).hasValue(8);
    }
}
