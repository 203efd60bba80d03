package io.slipway.cloudformation.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateOutputsTest {

    private static final Template TEMPLATE = Template.parse("""
            Parameters:
              Env: {Type: String}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: !Sub '${AWS::StackName}-${Env}', Versioning: !If [IsProd, {Status: Enabled}, !Ref AWS::NoValue]}}
              Extra: {Type: AWS::S3::Bucket, Condition: IsProd}
            Outputs:
              Name: {Value: !Ref Bucket, Export: {Name: !Sub '${AWS::StackName}-bucket'}}
              Zones: {Value: !GetAZs '', Description: where}
              Size: {Value: 5}
              ExtraName: {Value: !Ref Extra, Condition: IsProd, Export: {Name: extra}}
            """);

    private final StackContext stack = new StackContext()
            .created("Bucket", "demo-dev", Map.of())
            .created("Extra", "demo-extra", Map.of());

    private Evaluator evaluator(String env) {
        return new Evaluator(TEMPLATE, Map.of("Env", env), stack);
    }

    @Test
    void propertiesAreEvaluated() {
        assertThat(evaluator("dev").properties(TEMPLATE.resources().get("Bucket"))).isEqualTo(Map.of("BucketName", "demo-dev"));
        assertThat(evaluator("prod").properties(TEMPLATE.resources().get("Bucket")))
                .isEqualTo(Map.of("BucketName", "demo-prod", "Versioning", Map.of("Status", "Enabled")));
        assertThat(evaluator("dev").properties(TEMPLATE.resources().get("Extra"))).isEmpty();
    }

    @Test
    void outputsOfIncludedResourcesAsText() {
        assertThat(evaluator("dev").outputs()).containsExactly(Map.entry("Name", "demo-dev"),
                Map.entry("Zones", "eu-west-1a,eu-west-1b,eu-west-1c"), Map.entry("Size", "5"));
        assertThat(evaluator("prod").outputs()).containsEntry("ExtraName", "demo-extra").hasSize(4);
    }

    @Test
    void exportsOfIncludedOutputs() {
        assertThat(evaluator("dev").exports()).containsExactly(Map.entry("demo-bucket", "demo-dev"));
        assertThat(evaluator("prod").exports()).containsExactly(Map.entry("demo-bucket", "demo-dev"), Map.entry("extra", "demo-extra"));
    }

    @Test
    void exportNamesMustBeTextAndUnique() {
        Template t = Template.parse("""
                Resources:
                  A: {Type: X}
                Outputs:
                  One: {Value: a, Export: {Name: same}}
                  Two: {Value: b, Export: {Name: same}}
                """);
        assertThatThrownBy(() -> new Evaluator(t, Map.of(), stack).exports())
                .hasMessage("Template error: Output Two: the export name same is already used by another output of this template");

        Template list = Template.parse("Resources:\n  A: {Type: X}\nOutputs:\n  O: {Value: a, Export: {Name: [x]}}\n");
        assertThatThrownBy(() -> new Evaluator(list, Map.of(), stack).exports())
                .hasMessage("Template error: Output O: Export Name must resolve to a non-empty string");
    }

    @Test
    void outputValuesMustBeTextOrLists() {
        Template t = Template.parse("Resources:\n  A: {Type: X}\nOutputs:\n  O: {Value: {Key: v}}\n");

        assertThatThrownBy(() -> new Evaluator(t, Map.of(), stack).outputs())
                .hasMessage("Template format error: The Value of output O must be a string or a list of strings");
    }

    @Test
    void propertiesMustBeAMap() {
        Template t = Template.parse("Resources:\n  A: {Type: X, Properties: [a]}\n");

        assertThatThrownBy(() -> new Evaluator(t, Map.of(), stack).properties(t.resources().get("A")))
                .hasMessage("Template format error: [/Resources/A/Properties] Properties must be an object");
    }
}
