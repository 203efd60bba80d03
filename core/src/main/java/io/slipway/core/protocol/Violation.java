package io.slipway.core.protocol;

/**
 * One failed model constraint, as AWS reports it: {@code Value 'x' at 'path' failed to satisfy
 * constraint: Member must ...}.
 *
 * @param path          AWS's member path, e.g. {@code tags.1.member.key}
 * @param topMember     the top-level input member the path starts at (as the model names it)
 * @param kind          which constraint failed
 * @param renderedValue the value as the message shows it ({@code 'x'} or {@code null})
 * @param constraint    the constraint text after "Member must"
 */
public record Violation(String path, String topMember, Kind kind, String renderedValue, String constraint) {

    public enum Kind { REQUIRED, LENGTH, PATTERN, ENUM, RANGE, UNION }

    public String message() {
        return "Value " + renderedValue + " at '" + path + "' failed to satisfy constraint: " + constraint;
    }
}
