package io.slipway.cloudformation.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateParameterValuesTest {

    private static final Template TEMPLATE = Template.parse("""
            Parameters:
              Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
              Count: {Type: Number, Default: 2, MinValue: 1, MaxValue: 10}
              Name: {Type: String, AllowedPattern: '^[a-z]+$', MinLength: 2, MaxLength: 8}
              Code: {Type: String, AllowedPattern: '[A-Z]{3}', ConstraintDescription: must be three capitals}
              Password: {Type: String, NoEcho: true, Default: secret}
              Sizes: {Type: 'List<Number>', Default: '1,2'}
              Zones: {Type: CommaDelimitedList, Default: 'a,b', AllowedValues: [a, b, c]}
            Resources:
              A: {Type: X}
            """);

    private static Map<String, String> given(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("Name", "web", "Code", "ABC"));
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    private static Map<String, String> resolve(Map<String, String> given) {
        return ParameterValues.resolve(TEMPLATE, given, Map.of(), Set.of());
    }

    @Test
    void defaultsFillWhatIsNotGivenInDeclarationOrder() {
        Map<String, String> values = resolve(given("Env", "prod"));

        assertThat(values).containsExactly(Map.entry("Env", "prod"), Map.entry("Count", "2"), Map.entry("Name", "web"),
                Map.entry("Code", "ABC"), Map.entry("Password", "secret"), Map.entry("Sizes", "1,2"), Map.entry("Zones", "a,b"));
    }

    @Test
    void missingValuesAreNamedInDeclarationOrder() {
        assertThatThrownBy(() -> resolve(Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Parameters: [Name, Code] must have values");
    }

    @Test
    void unknownNamesAreRejected() {
        assertThatThrownBy(() -> resolve(given("Nope", "x")))
                .hasMessage("Parameters: [Nope] do not exist in the template");
        assertThatThrownBy(() -> ParameterValues.resolve(TEMPLATE, given(), Map.of("Gone", "x"), Set.of("Gone")))
                .hasMessage("Parameters: [Gone] do not exist in the template");
    }

    @Test
    void usePreviousValueKeepsTheStacksValue() {
        Map<String, String> values = ParameterValues.resolve(TEMPLATE, Map.of("Code", "XYZ"),
                Map.of("Name", "old", "Env", "prod", "Code", "ABC"), Set.of("Name", "Env"));

        assertThat(values).containsEntry("Name", "old").containsEntry("Env", "prod").containsEntry("Code", "XYZ");
    }

    @Test
    void usePreviousValueNeedsAPreviousValue() {
        assertThatThrownBy(() -> ParameterValues.resolve(TEMPLATE, Map.of("Code", "XYZ"), Map.of(), Set.of("Name")))
                .hasMessage("Invalid input for parameter key Name. Cannot specify usePreviousValue as true for a"
                        + " parameter key not in the previous template");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Env|test|Parameter 'Env' must be one of AllowedValues",
            "Count|many|Parameter 'Count' must be a number",
            "Count|0|Parameter 'Count' must be a number not less than 1",
            "Count|10.5|Parameter 'Count' must be a number not greater than 10",
            "Name|Web|Parameter 'Name' must match pattern ^[a-z]+$",
            "Name|w|Parameter 'Name' must contain at least 2 characters",
            "Name|webserver|Parameter 'Name' must contain at most 8 characters",
            "Code|ABCD|Parameter 'Code' must be three capitals",
            "Sizes|1,x|Parameter 'Sizes' must be a number list",
            "Zones|a,d|Parameter 'Zones' must be one of AllowedValues",
    })
    void constraintsAreChecked(String name, String value, String message) {
        assertThatThrownBy(() -> resolve(given(name, value)))
                .isInstanceOf(TemplateException.class)
                .hasMessage(message);
    }

    @Test
    void valuesWithinConstraintsPass() {
        Map<String, String> values = resolve(given("Count", "10", "Name", "ab", "Sizes", "3, 4", "Zones", "c"));

        assertThat(values).containsEntry("Count", "10").containsEntry("Sizes", "3, 4").containsEntry("Zones", "c");
    }

    @Test
    void defaultsAreCheckedToo() {
        Template t = Template.parse("Parameters:\n  P: {Type: String, Default: x, MinLength: 3}\nResources:\n  A: {Type: X}\n");

        assertThatThrownBy(() -> ParameterValues.resolve(t, Map.of(), Map.of(), Set.of()))
                .hasMessage("Parameter 'P' must contain at least 3 characters");
    }

    @Test
    void noEchoDoesNotHideTheValueFromTheStack() {
        assertThat(TEMPLATE.parameters().get("Password").noEcho()).isTrue();
        assertThat(resolve(given())).containsEntry("Password", "secret");
    }
}
