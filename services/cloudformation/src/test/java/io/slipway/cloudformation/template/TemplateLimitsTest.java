package io.slipway.cloudformation.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * No template, however small, can make Slipway build values without bound: YAML aliases, nesting,
 * numbers and functions are bounded while reading and evaluating, and CloudFormation's quotas apply.
 */
class TemplateLimitsTest {
    private static final String HANDLE = "Resources:\n  H: {Type: AWS::CloudFormation::WaitConditionHandle}\n";

    /** Joins over aliases of aliases: a few hundred bytes that stand for millions of values. */
    static String aliasBomb() {
        StringBuilder t = new StringBuilder(HANDLE).append("Metadata:\n  a: &a [");
        t.append("xxxxxxxxxxxxxxxx,".repeat(8)).append("xxxxxxxxxxxxxxxx]\n");
        String previous = "a";
        for (String level : new String[] {"b", "c", "d", "e", "f"}) {
            t.append("  ").append(level).append(": &").append(level).append(" [")
                    .append(("!Join ['', *" + previous + "], ").repeat(8)).append("!Join ['', *").append(previous).append("]]\n");
            previous = level;
        }
        return t.append("Outputs:\n  O: {Value: !Join ['', *f]}\n").toString();
    }

    @Test
    void joinsOverAliasesOfAliasesAreRefusedWhileReading() {
        String bomb = aliasBomb();
        assertThat(bomb.length()).isLessThan(1_100); // about a kilobyte
        assertThatThrownBy(() -> Template.parse(bomb)).isInstanceOf(TemplateException.class)
                .hasMessage("Template format error: the template is larger than 1000000 bytes once its YAML aliases are expanded");
    }

    @Test
    void aScalarAliasedManyTimesCountsEveryTime() {
        String text = "s".repeat(40_000);
        String body = HANDLE + "Metadata:\n  s: &s " + text + "\n  copies: [" + "*s, ".repeat(100) + "*s]\n";
        assertThatThrownBy(() -> Template.parse(body)).isInstanceOf(TemplateException.class)
                .hasMessage("Template format error: the template is larger than 1000000 bytes once its YAML aliases are expanded");
    }

    @Test
    void anAliasInsideItselfIsRefused() {
        for (String self : new String[] {"&a [*a]", "&a {b: *a}", "&a [x, {y: [*a]}]"}) {
            assertThatThrownBy(() -> Template.parse(HANDLE + "Metadata:\n  a: " + self + "\n"))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("Template format error: the template is nested more than 50 levels deep");
        }
    }

    static Stream<Arguments> tooDeep() {
        String deepJson = "{\"Resources\": {\"A\": {\"Type\": \"X\", \"Properties\": {\"P\": " + "[".repeat(60) + "]".repeat(60) + "}}}}";
        String veryDeepJson = "{\"Resources\": {\"A\": {\"Type\": \"X\", \"Properties\": {\"P\": " + "[".repeat(10_000)
                + "]".repeat(10_000) + "}}}}";
        String veryDeepYaml = "Resources:\n  A:\n    Type: X\n    Properties:\n      P: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        String functionsYaml = "Resources:\n  A:\n    Type: X\n    Properties:\n      P: " + "{Fn::Base64: ".repeat(10_000) + "x"
                + "}".repeat(10_000) + "\n";
        // each alias adds the depth of what it names, beyond what the YAML parser counts
        String aliases = "Resources:\n  A:\n    Type: X\n    Properties:\n      P: &p " + "[".repeat(30) + "x" + "]".repeat(30)
                + "\n      Q: " + "[".repeat(30) + "*p" + "]".repeat(30) + "\n";
        return Stream.of(arguments("JSON 60 deep", deepJson), arguments("JSON 10,000 deep", veryDeepJson),
                arguments("YAML 10,000 deep", veryDeepYaml), arguments("functions 10,000 deep", functionsYaml),
                arguments("YAML deepened by an alias", aliases));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tooDeep")
    void deepNestingIsATemplateErrorNotAStackOverflow(String name, String body) {
        assertThatThrownBy(() -> Template.parse(body)).isInstanceOf(TemplateException.class)
                .hasMessage("Template format error: the template is nested more than 50 levels deep");
    }

    @Test
    void nestingWithinTheLimitIsFine() {
        String body = "Resources:\n  A:\n    Type: X\n    Properties:\n      P: " + "[".repeat(40) + "x" + "]".repeat(40) + "\n";
        assertThat(Template.parse(body).resources()).containsKey("A");
    }

    static Stream<Arguments> hugeNumbers() {
        return Stream.of(arguments(HANDLE + "Metadata: {N: 1e99999}\n", "1e99999"),
                arguments("{\"Resources\": {\"H\": {\"Type\": \"X\"}}, \"Metadata\": {\"N\": 1e99999}}", "1e99999"),
                arguments(HANDLE + "Metadata: {N: " + "9".repeat(1_010) + "}\n", "9".repeat(1_010)),
                arguments(HANDLE + "Metadata: {N: 0x" + "f".repeat(900) + "}\n", "0x" + "f".repeat(900)),
                arguments("Parameters:\n  P: {Type: Number, Default: 1e99999, MinValue: 1}\n" + HANDLE, "1e99999"));
    }

    @ParameterizedTest
    @MethodSource("hugeNumbers")
    void numbersLongerThanAThousandDigitsAreRefused(String body, String written) {
        assertThatThrownBy(() -> Template.parse(body)).isInstanceOf(TemplateException.class)
                .hasMessage("Template format error: the number " + written + " has more than 1000 digits");
    }

    static Stream<Arguments> yamlOutsideJson() {
        return Stream.of(arguments("!!binary aGVsbG8=", 5, 21), arguments("!!set {a, b}", 5, 21),
                arguments("!!omap [a: 1]", 5, 21), arguments("!!pairs [a: 1]", 5, 21),
                arguments("!!seq {a: 1}", 5, 21), arguments("!!int abc", 5, 21), arguments("!!map [a]", 5, 21),
                arguments("{? [a, b] : c}", 5, 24), arguments("{? {a: 1} : c}", 5, 24));
    }

    @ParameterizedTest
    @MethodSource("yamlOutsideJson")
    void yamlThatJsonCannotSayIsNotWellFormed(String value, int line, int column) {
        String body = "Resources:\n  A:\n    Type: X\n    Properties:\n      P: {V: " + value + "}\n";
        assertThatThrownBy(() -> Template.parse(body)).isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("Template format error: YAML not well-formed.");
    }

    static Stream<Arguments> quotas() {
        String long256 = "A".repeat(256);
        return Stream.of(
                arguments("Resources:\n  " + long256 + ": {Type: X}\n", "Resource name " + long256 + " is longer than 255 characters"),
                arguments(HANDLE + "Outputs:\n  " + long256 + ": {Value: v}\n", "Outputs name '" + long256 + "' is longer than 255 characters"),
                arguments("Parameters:\n  " + long256 + ": {Type: String}\n" + HANDLE, "Parameter name " + long256 + " is longer than 255 characters"),
                arguments(HANDLE + "Mappings:\n  " + long256 + ": {k: {a: b}}\n", "Mappings name '" + long256 + "' is longer than 255 characters"),
                arguments(HANDLE + "Mappings:\n  M: {" + long256 + ": {a: b}}\n", "Mappings attribute name '" + long256 + "' in M is longer than 255 characters"),
                arguments(HANDLE + "Mappings:\n  M: {k: {" + long256 + ": b}}\n", "Mappings attribute name '" + long256 + "' in M is longer than 255 characters"),
                arguments(HANDLE + "Mappings:\n  M: {" + attributes(201) + "}\n", "Number of attributes of mapping M, 201, is greater than maximum allowed, 200"),
                arguments("Description: " + "d".repeat(1_025) + "\n" + HANDLE, "Description is longer than 1024 bytes"),
                arguments("Description: " + "é".repeat(513) + "\n" + HANDLE, "Description is longer than 1024 bytes"),
                arguments(HANDLE + "Outputs:\n  O: {Value: v, Description: " + "d".repeat(1_025) + "}\n",
                        "The Description of output O is longer than 1024 bytes"));
    }

    private static String attributes(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ", ").append("k").append(i).append(": {a: b}");
        }
        return s.toString();
    }

    @ParameterizedTest
    @MethodSource("quotas")
    void cloudFormationQuotasApply(String body, String detail) {
        assertThatThrownBy(() -> Template.parse(body)).isInstanceOf(TemplateException.class)
                .hasMessage("Template format error: " + detail);
    }

    @Test
    void namesAndDescriptionsAtTheirQuotasAreFine() {
        String name = "A".repeat(255);
        Template t = Template.parse("Description: " + "d".repeat(1_024) + "\nResources:\n  " + name + ": {Type: X}\n"
                + "Mappings:\n  M: {" + attributes(200) + "}\n");
        assertThat(t.resources()).containsKey(name);
    }

    @Test
    void evaluationStopsAtItsBudgetHoweverTheValuesGrow() {
        Template t = Template.parse("Parameters:\n  P: {Type: String, Default: " + "p".repeat(4_000) + "}\n" + HANDLE
                + "Outputs:\n  O: {Value: !Sub '" + "${P}".repeat(1_100) + "'}\n");
        Evaluator evaluator = new Evaluator(t, ParameterValues.resolve(t, Map.of(), Map.of(), Set.of()), new StackContext());
        assertThatThrownBy(evaluator::outputs).isInstanceOf(TemplateException.class)
                .hasMessage("Template error: evaluating the template's intrinsic functions produces more than 4000000 characters");
    }

    @Test
    void aMappingUsedOverAndOverCountsEachTime() {
        String big = "m".repeat(30_000);
        Template t = Template.parse(HANDLE + "Mappings:\n  M: {k: {v: [" + (big + ", ").repeat(1) + big + "]}}\n"
                + "Outputs:\n  O: {Value: !Join ['', [" + "!Join ['', !FindInMap [M, k, v]], ".repeat(80) + "x]]}\n");
        Evaluator evaluator = new Evaluator(t, Map.of(), new StackContext());
        assertThatThrownBy(evaluator::outputs).isInstanceOf(TemplateException.class)
                .hasMessage("Template error: evaluating the template's intrinsic functions produces more than 4000000 characters");
    }

    @Test
    void anAllowedPatternThatBacktracksWithoutEndIsStoppedNotLeftToRun() {
        Template t = Template.parse("Parameters:\n  P: {Type: String, AllowedPattern: '(.*a){20}'}\n" + HANDLE);
        Map<String, String> given = Map.of("P", "a".repeat(60) + "!");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(
                () -> ParameterValues.resolve(t, given, Map.of(), Set.of())).isInstanceOf(TemplateException.class)
                .hasMessage("Parameter 'P' AllowedPattern (.*a){20} takes too long to match the value"));
        // an ordinary pattern reads a value at its quota a few times over, far within the bound
        Template sane = Template.parse("Parameters:\n  P: {Type: String, AllowedPattern: '^[a-z0-9-]+(\\.[a-z0-9-]+)*$'}\n" + HANDLE);
        String value = ("abc-" + "d".repeat(60) + ".").repeat(62) + "end"; // 4,033 characters
        assertThat(ParameterValues.resolve(sane, Map.of("P", value), Map.of(), Set.of())).containsEntry("P", value);
    }

    @Test
    void ordinaryTemplatesStayFarWithinTheBudget() {
        StringBuilder body = new StringBuilder("Parameters:\n  P: {Type: String, Default: " + "p".repeat(1_000) + "}\nResources:\n");
        for (int i = 0; i < 500; i++) {
            body.append("  R").append(i).append(": {Type: X, Properties: {Name: !Sub '${P}-").append(i).append("'}}\n");
        }
        Template t = Template.parse(body.toString());
        Evaluator evaluator = new Evaluator(t, ParameterValues.resolve(t, Map.of(), Map.of(), Set.of()), new StackContext());
        for (Resource r : t.resources().values()) {
            assertThat(evaluator.properties(r)).containsKey("Name");
        }
    }
}
