package io.slipway.cloudformation.template;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateParseJsonTest {

    private static final String TEMPLATE = """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Description": "two buckets",
              "Parameters": {
                "Env": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]},
                "Count": {"Type": "Number", "MinValue": 1, "MaxValue": 10.5, "NoEcho": "true"}
              },
              "Mappings": {"Sizes": {"dev": {"Size": 1}}},
              "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
              "Resources": {
                "Second": {"Type": "AWS::S3::Bucket", "DependsOn": "First", "Condition": "IsProd",
                           "DeletionPolicy": "Retain", "Properties": {"Timeout": 30.50, "Big": 12345678901, "On": true}},
                "First": {"Type": "AWS::S3::Bucket"}
              },
              "Outputs": {
                "Name": {"Value": {"Ref": "First"}, "Description": "the bucket", "Export": {"Name": "first-bucket"}}
              }
            }
            """;

    @Test
    void readsEverySectionInDeclarationOrder() {
        Template t = Template.parse(TEMPLATE);

        assertThat(t.formatVersion()).isEqualTo("2010-09-09");
        assertThat(t.description()).isEqualTo("two buckets");
        assertThat(t.parameters()).containsOnlyKeys("Env", "Count");
        assertThat(t.resources().keySet()).containsExactly("Second", "First");
        assertThat(t.conditions()).containsKey("IsProd");
        assertThat(t.mappings()).containsKey("Sizes");
        assertThat(t.body()).isEqualTo(TEMPLATE);

        Resource second = t.resources().get("Second");
        assertThat(second.type()).isEqualTo("AWS::S3::Bucket");
        assertThat(second.dependsOn()).containsExactly("First");
        assertThat(second.condition()).contains("IsProd");
        assertThat(second.deletionPolicy()).contains("Retain");
        assertThat(second.updateReplacePolicy()).isEmpty();
        assertThat(t.resources().get("First").properties()).isNull();

        Output name = t.outputs().get("Name");
        assertThat(name.value()).isEqualTo(Map.of("Ref", "First"));
        assertThat(name.exportName()).contains("first-bucket");
        assertThat(name.description()).contains("the bucket");
    }

    @Test
    void keepsNumbersAndBooleansAsWritten() {
        Map<?, ?> properties = (Map<?, ?>) Template.parse(TEMPLATE).resources().get("Second").properties();

        assertThat(properties.get("Timeout")).isEqualTo(new BigDecimal("30.50"));
        assertThat(properties.get("Big")).isEqualTo(12345678901L);
        assertThat(properties.get("On")).isEqualTo(true);
    }

    @Test
    void readsParameterConstraints() {
        Template t = Template.parse(TEMPLATE);

        Parameter env = t.parameters().get("Env");
        assertThat(env.defaultValue()).contains("dev");
        assertThat(env.allowedValues()).containsExactly("dev", "prod");
        assertThat(env.noEcho()).isFalse();
        Parameter count = t.parameters().get("Count");
        assertThat(count.minValue()).contains(BigDecimal.ONE);
        assertThat(count.maxValue()).contains(new BigDecimal("10.5"));
        assertThat(count.noEcho()).isTrue();
        assertThat(count.defaultValue()).isEqualTo(Optional.empty());
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> Template.parse("{\n  \"Resources\": {\n    \"A\" {}\n}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Template format error: JSON not well-formed. (line 3, column 9)");
    }

    @Test
    void duplicateJsonKeysAreNotWellFormed() {
        assertThatThrownBy(() -> Template.parse("{\"Resources\": {\"A\": {\"Type\": \"X\"}, \"A\": {\"Type\": \"Y\"}}}"))
                .hasMessageStartingWith("Template format error: JSON not well-formed. (line 1,");
    }

    @Test
    void listBodyIsAnUnsupportedStructure() {
        assertThatThrownBy(() -> Template.parse("[1, 2]"))
                .hasMessage("Template format error: unsupported structure.");
    }
}
