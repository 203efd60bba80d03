package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.template.Quotas;
import io.slipway.core.protocol.Validator;
import io.slipway.core.protocol.Violation;
import io.slipway.model.runtime.AwsErrors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The constraints CloudFormation applies to inputs beyond its published model, answered in the
 * model's own validation wording ("1 validation error detected: Value '…' at '…' failed to satisfy
 * constraint: …"): the model gives StackName no pattern or length, and TemplateBody and parameter
 * values no maximum, but the service enforces them.
 */
final class StackInputs {
    /** What AWS answers for a StackName that names an existing stack, as its validation errors quote it. */
    private static final String STACK_NAME_PATTERN = "[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*";
    private static final Pattern STACK_NAME = Pattern.compile(STACK_NAME_PATTERN);

    private StackInputs() {
    }

    /**
     * A StackName naming a stack that should exist (not CreateStack's new name). AWS reports the pattern
     * before the length, as reports of its answers to an empty name show.
     */
    static String stackName(String value) {
        List<Violation> violations = new ArrayList<>(2);
        if (!STACK_NAME.matcher(value).matches()) {
            violations.add(violation("stackName", "StackName", Violation.Kind.PATTERN, value,
                    "Member must satisfy regular expression pattern: " + STACK_NAME_PATTERN));
        }
        if (value.isEmpty()) {
            violations.add(violation("stackName", "StackName", Violation.Kind.LENGTH, value,
                    "Member must have length greater than or equal to 1"));
        }
        if (!violations.isEmpty()) {
            throw AwsErrors.VALIDATION_ERROR.exception(Validator.message(violations));
        }
        return value;
    }

    /** A TemplateBody within the request quota; AWS quotes the whole body in its answer. */
    static String templateBody(String body) {
        requireBytes("templateBody", "TemplateBody", body, Quotas.TEMPLATE_BODY_BYTES);
        return body;
    }

    /** The value of the {@code index}th (from 1) parameter passed. UNVERIFIED: AWS's wording for this quota. */
    static String parameterValue(int index, String value) {
        requireBytes("parameters." + index + ".member.parameterValue", "Parameters", value, Quotas.PARAMETER_VALUE_BYTES);
        return value;
    }

    private static void requireBytes(String path, String member, String value, int max) {
        // a char is at most 3 UTF-8 bytes: only long values need encoding to be measured
        if ((long) value.length() * 3 > max && value.getBytes(StandardCharsets.UTF_8).length > max) {
            throw AwsErrors.VALIDATION_ERROR.exception(Validator.message(List.of(violation(path, member,
                    Violation.Kind.LENGTH, value, "Member must have length less than or equal to " + max))));
        }
    }

    private static Violation violation(String path, String member, Violation.Kind kind, String value, String constraint) {
        return new Violation(path, member, kind, "'" + value + "'", constraint);
    }
}
