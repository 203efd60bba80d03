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
    void keysStayText() {
        Template t = Template.parse("Mappings:\n  Ports:\n    80: {yes: on, 1.5: x}\nResources:\n  A: {Type: X}\n");

        assertThat(t.mappings().get("Ports")).isEqualTo(Map.of("80", Map.of("yes", true, "1.5", "x")));
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
    void parameterDeclarationsAreRead() {
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
