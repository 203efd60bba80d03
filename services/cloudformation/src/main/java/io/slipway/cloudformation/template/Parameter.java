package io.slipway.cloudformation.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One declared template parameter with its constraints, read from the template's {@code Parameters}
 * section. Values given to a stack are checked against it by {@link ParameterValues}.
 *
 * @param type          as written (String, Number, CommaDelimitedList, List&lt;Number&gt;, AWS-specific types)
 * @param defaultValue  the Default as text (numbers as written)
 * @param allowedValues as text, empty when the parameter has none
 */
public record Parameter(String name, String type, Optional<String> defaultValue, List<String> allowedValues,
                        Optional<String> allowedPattern, OptionalInt minLength, OptionalInt maxLength,
                        Optional<BigDecimal> minValue, Optional<BigDecimal> maxValue, boolean noEcho,
                        Optional<String> description, Optional<String> constraintDescription) {

    public Parameter {
        allowedValues = List.copyOf(allowedValues);
    }

    /** Whether the value is a comma-separated list (Ref answers a list of strings). */
    public boolean isList() {
        String t = SsmParameterValues.valueType(type).orElse(type);
        return t.equals("CommaDelimitedList") || t.startsWith("List<");
    }
}
