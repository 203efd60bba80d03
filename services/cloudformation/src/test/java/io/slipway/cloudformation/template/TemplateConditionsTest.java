package io.slipway.cloudformation.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TemplateConditionsTest {

    private static Evaluator evaluator(String conditions, Map<String, String> given) {
        Template t = Template.parse("""
                Parameters:
                  Env: {Type: String, Default: dev}
                  Count: {Type: Number, Default: 1}
                  Zones: {Type: CommaDelimitedList, Default: 'a,b'}
                Mappings:
                  Flags: {dev: {Public: 'true'}, prod: {Public: 'false'}}
                Conditions:
                """ + conditions.indent(2) + """
                Resources:
                  Bucket: {Type: AWS::S3::Bucket}
                """);
        return new Evaluator(t, ParameterValues.resolve(t, given, Map.of(), Set.of()), new StackContext());
    }

    private static boolean holds(String definition, Map<String, String> given) {
        return evaluator("C: " + definition, given).condition("C");
    }

    @Test
    void equalsComparesValuesAsText() {
        assertThat(holds("!Equals [!Ref Env, dev]", Map.of())).isTrue();
        assertThat(holds("!Equals [!Ref Env, dev]", Map.of("Env", "prod"))).isFalse();
        assertThat(holds("!Equals [!Ref Count, 1]", Map.of())).isTrue();
        assertThat(holds("!Equals [true, 'true']", Map.of())).isTrue();
        assertThat(holds("!Equals [!Ref Zones, [a, b]]", Map.of())).isTrue();
        assertThat(holds("!Equals [!FindInMap [Flags, !Ref Env, Public], 'true']", Map.of())).isTrue();
        assertThat(holds("!Equals [!Select [1, !Ref Zones], b]", Map.of())).isTrue();
        assertThat(holds("!Equals [!Join ['-', [!Ref Env, x]], dev-x]", Map.of())).isTrue();
        assertThat(holds("!Equals [!Sub '${AWS::Region}', eu-west-1]", Map.of())).isTrue();
    }

    @Test
    void booleanOperatorsCombineConditions() {
        String conditions = """
                IsDev: !Equals [!Ref Env, dev]
                IsOne: !Equals [!Ref Count, 1]
                Both: !And [!Condition IsDev, !Condition IsOne]
                Either: !Or [!Not [!Condition IsDev], !Condition IsOne]
                Neither: !Not [!Or [!Condition IsDev, !Condition IsOne]]
                """;

        Evaluator dev = evaluator(conditions, Map.of());
        assertThat(dev.condition("Both")).isTrue();
        assertThat(dev.condition("Either")).isTrue();
        assertThat(dev.condition("Neither")).isFalse();
        Evaluator prod = evaluator(conditions, Map.of("Env", "prod", "Count", "2"));
        assertThat(prod.condition("Both")).isFalse();
        assertThat(prod.condition("Either")).isTrue();
        assertThat(prod.condition("Neither")).isTrue();
    }

    @Test
    void resourcesAreIncludedByTheirCondition() {
        Template t = Template.parse("""
                Parameters:
                  Env: {Type: String}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                Resources:
                  Always: {Type: X}
                  OnlyProd: {Type: X, Condition: IsProd}
                """);

        Evaluator dev = new Evaluator(t, Map.of("Env", "dev"), new StackContext());
        Evaluator prod = new Evaluator(t, Map.of("Env", "prod"), new StackContext());
        assertThat(dev.included(t.resources().get("Always"))).isTrue();
        assertThat(dev.included(t.resources().get("OnlyProd"))).isFalse();
        assertThat(prod.included(t.resources().get("OnlyProd"))).isTrue();
    }

    @Test
    void conditionsAreEvaluatedOnlyWhenUsed() {
        // A broken condition nobody asks for does not fail the stack.
        Evaluator e = evaluator("Fine: !Equals [a, a]\nBroken: !Equals [!Ref Nope, a]", Map.of());

        assertThat(e.condition("Fine")).isTrue();
        assertThatThrownBy(() -> e.condition("Broken"))
                .hasMessage("Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template");
    }

    @Test
    void cyclesAreReported() {
        Evaluator e = evaluator("A: !Not [!Condition B]\nB: !And [!Condition C, !Condition C]\nC: !Or [!Condition A, !Equals [a, a]]", Map.of());

        assertThatThrownBy(() -> e.condition("A"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Template format error: Circular dependency between conditions: [A, B, C]");
        assertThatThrownBy(() -> evaluator("Self: !Not [!Condition Self]", Map.of()).condition("Self"))
                .hasMessage("Template format error: Circular dependency between conditions: [Self]");
    }

    @Test
    void unknownConditionsAreNamed() {
        assertThatThrownBy(() -> evaluator("C: !Equals [a, a]", Map.of()).condition("Other"))
                .hasMessage("Template format error: Unresolved condition dependency Other");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("!Equals [a]",
                        "Template error: Fn::Equals requires a list argument with two elements"),
                arguments("!And [!Equals [a, a]]",
                        "Template error: every Fn::And object requires a list of at least 2 and at most 10 boolean parameters."),
                arguments("!Or [a, b]",
                        "Template error: every Fn::Or object requires a list of at least 2 and at most 10 boolean parameters."),
                arguments("!Not [a]",
                        "Template error: Fn::Not requires a list argument with one function token"),
                arguments("!Not [!Equals [a, a], !Equals [a, a]]",
                        "Template error: Fn::Not requires a list argument with one element"),
                arguments("!Not [!Condition Missing]",
                        "Template format error: Unresolved condition dependency Missing in the Conditions block of the template"),
                arguments("!Ref Env",
                        "Template format error: Conditions can only be boolean operations on parameters and other conditions"),
                arguments("!Equals [!Ref Bucket, x]",
                        "Template format error: Unresolved dependencies [Bucket]. Cannot reference resources in the Conditions block of the template"),
                arguments("!Equals [!If [C, a, b], x]",
                        "Template format error: Conditions can only be boolean operations on parameters and other conditions"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedConditionsUseCloudFormationWording(String definition, String message) {
        assertThatThrownBy(() -> holds(definition, Map.of())).isInstanceOf(TemplateException.class).hasMessage(message);
    }
}
