package io.slipway.cloudformation.template;

import io.slipway.core.Namespace;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS::LanguageExtensions and AWS::Include as the stack operation runs them, over an in-memory S3. */
class TemplateTransformsTest {
    private static final Namespace NS = new Namespace("123456789012", "eu-west-1");
    private final Map<String, String> objects = new HashMap<>();
    private final TemplateObjects s3 = (ns, location, max) -> {
        String text = objects.get(ns.account() + "/" + location.bucket() + "/" + location.key());
        if (text == null) {
            throw new TemplateException("S3 error: Access Denied");
        }
        return text;
    };

    private ProcessedTemplate process(String body, Map<String, String> given) {
        return Transforms.process(body, new Transforms.Inputs(NS, s3, "localhost",
                t -> ParameterValues.resolve(t, given, Map.of(), java.util.Set.of()), new StackContext()));
    }

    @Test
    void aTemplateWithoutTransformsIsNotRewritten() {
        String body = "Resources:\n  A:\n    Type: X\n";
        ProcessedTemplate p = process(body, Map.of());
        assertThat(p.body()).isSameAs(body);
        assertThat(p.transformed()).isFalse();
        assertThat(p.transforms()).isEmpty();
    }

    @Test
    void forEachWritesOutResourcesOutputsAndConditionsWithTheElements() {
        String body = """
                Transform: AWS::LanguageExtensions
                Parameters:
                  Names:
                    Type: CommaDelimitedList
                    Default: a-1,b-2
                Conditions:
                  Fn::ForEach::Checks:
                    - N
                    - !Ref Names
                    - Is&{N}:
                        Fn::Equals: [!Ref N, a-1]
                Resources:
                  Fn::ForEach::Topics:
                    - N
                    - !Ref Names
                    - Topic&{N}:
                        Type: X
                        Condition: Is&{N}
                        DeletionPolicy: !If ["Is&{N}", Retain, Delete]
                        Properties:
                          Name: !Ref N
                          Label: !Sub "topic-${N}-${AWS::Region}"
                          Count: {"Fn::Length": [x, y, z]}
                          Json: {"Fn::ToJsonString": {k: !Ref N, n: [1, 2]}}
                          Fn::ForEach::Extra:
                            - E
                            - [p, q]
                            - ${E}Key: !Sub "${N}/${E}"
                Outputs:
                  Fn::ForEach::Outs:
                    - N
                    - !Ref Names
                    - Out&{N}:
                        Value: !Ref N
                """;
        ProcessedTemplate p = process(body, Map.of());
        assertThat(p.transforms()).containsExactly("AWS::LanguageExtensions");
        Template t = Template.parse(p.body());
        assertThat(t.resources()).containsOnlyKeys("Topica1", "Topicb2");
        assertThat(t.conditions()).containsOnlyKeys("Isa1", "Isb2");
        assertThat(t.outputs()).containsOnlyKeys("Outa1", "Outb2");
        Resource a = t.resources().get("Topica1");
        assertThat(a.deletionPolicy()).contains("Retain");
        assertThat(t.resources().get("Topicb2").deletionPolicy()).contains("Delete");
        assertThat(a.condition()).contains("Isa1");
        Map<?, ?> properties = (Map<?, ?>) a.properties();
        assertThat(properties.get("Name")).isEqualTo("a-1");
        assertThat(properties.get("Label")).isEqualTo(Map.of("Fn::Sub", "topic-a-1-${AWS::Region}"));
        assertThat(((Number) properties.get("Count")).intValue()).isEqualTo(3);
        assertThat(properties.get("Json")).isEqualTo("{\"k\":\"a-1\",\"n\":[1,2]}");
        assertThat(properties.get("pKey")).isEqualTo(Map.of("Fn::Sub", "a-1/p"));
        assertThat(properties.get("qKey")).isEqualTo(Map.of("Fn::Sub", "a-1/q"));
    }

    @Test
    void theProcessedTemplateKeepsValuesAsWritten() {
        String body = """
                Transform: AWS::LanguageExtensions
                Resources:
                  A:
                    Type: X
                    Properties:
                      Ratio: 1.50
                      Big: 123456789012345678901234567890
                      On: true
                      When: 2024-01-01
                      Text: "007"
                """;
        ProcessedTemplate p = process(body, Map.of());
        assertThat(p.body()).contains("\"Ratio\":1.50").contains("\"Big\":123456789012345678901234567890")
                .contains("\"On\":true").contains("\"When\":\"2024-01-01\"").contains("\"Text\":\"007\"");
        assertThat(Template.parse(p.body()).resources()).containsOnlyKeys("A");
    }

    @Test
    void parametersGivenToTheOperationDecideTheLoop() {
        String body = """
                Transform: [AWS::LanguageExtensions]
                Parameters:
                  Names:
                    Type: CommaDelimitedList
                Resources:
                  Fn::ForEach::R:
                    - N
                    - !Ref Names
                    - R${N}:
                        Type: X
                """;
        assertThat(Template.parse(process(body, Map.of("Names", "x,y,z")).body()).resources()).containsOnlyKeys("Rx", "Ry", "Rz");
        assertThatThrownBy(() -> process(body, Map.of())).hasMessage("Parameters: [Names] must have values");
    }

    @Test
    void findInMapFallsBackToItsDefaultValue() {
        Template t = Template.parse("""
                Mappings:
                  Sizes:
                    prod: {size: large}
                Resources:
                  R:
                    Type: X
                    Properties:
                      Known: !FindInMap [Sizes, prod, size, {DefaultValue: small}]
                      Unknown: !FindInMap [Sizes, dev, size, {DefaultValue: small}]
                      NoMap: !FindInMap [Other, dev, size, {DefaultValue: tiny}]
                """);
        Evaluator e = new Evaluator(t, Map.of(), new StackContext());
        assertThat(e.properties(t.resources().get("R"))).containsEntry("Known", "large").containsEntry("Unknown", "small")
                .containsEntry("NoMap", "tiny");
    }

    @Test
    void includePutsASnippetFromTheAccountsS3InPlace() {
        objects.put("123456789012/snippets/bucket.yaml", "Type: X\nProperties:\n  Name: included\n");
        objects.put("123456789012/snippets/top.json", "{\"Outputs\": {\"O\": {\"Value\": \"v\"}}}");
        String body = """
                Transform:
                  Name: AWS::Include
                  Parameters:
                    Location: s3://snippets/top.json
                Resources:
                  A:
                    Fn::Transform:
                      Name: AWS::Include
                      Parameters:
                        Location: https://snippets.s3.amazonaws.com/bucket.yaml
                """;
        ProcessedTemplate p = process(body, Map.of());
        Template t = Template.parse(p.body());
        assertThat(t.resources().get("A").properties()).isEqualTo(Map.of("Name", "included"));
        assertThat(t.outputs()).containsOnlyKeys("O");
        assertThat(p.transforms()).containsExactly("AWS::Include");
        assertThat(p.original()).isEqualTo(body);
    }

    @Test
    void includeErrorsAndOtherTransformsAreRefused() {
        assertThatThrownBy(() -> process("""
                Resources:
                  A:
                    Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://snippets/missing.yaml}}
                """, Map.of())).hasMessage("Transform AWS::Include failed with: S3 error: Access Denied");
        assertThatThrownBy(() -> process("""
                Resources:
                  A:
                    Fn::Transform: {Name: AWS::Include, Parameters: {Location: https://example.com/x.yaml}}
                """, Map.of())).hasMessage("Transform AWS::Include failed with: The location parameter is not a valid S3 uri.");
        assertThatThrownBy(() -> process("Transform: MyMacro\nResources:\n  A:\n    Type: X\n", Map.of()))
                .hasMessage("No transform named 123456789012::MyMacro found.");
        assertThatThrownBy(() -> process("Transform: AWS::Serverless-2016-10-31\nResources:\n  A:\n"
                + "    Type: AWS::Serverless::Function\n", Map.of()))
                .hasMessageStartingWith("Transform AWS::Serverless-2016-10-31 failed with: ");
        assertThatThrownBy(() -> process("Transform: AWS::Include\nResources:\n  A:\n    Type: X\n    Properties:\n"
                + "      N: {Fn::Length: [a]}\n", Map.of())).hasMessageContaining("Encountered unsupported function: Fn::Length");
        assertThatThrownBy(() -> Template.parse("Transform: AWS::LanguageExtensions\nResources:\n  A:\n    Type: X\n"))
                .hasMessageContaining("Transform");
        assertThat(List.of()).isEmpty();
    }
}
