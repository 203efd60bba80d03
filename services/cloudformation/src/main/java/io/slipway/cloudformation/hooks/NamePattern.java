package io.slipway.cloudformation.hooks;

import java.util.regex.Pattern;

/**
 * A name with the wildcards hook filters allow: {@code *} for any run of characters, {@code ?} for
 * one. Matching is case-sensitive, as stack names and resource types are.
 */
record NamePattern(String text, Pattern regex) {

    static NamePattern of(String text) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return new NamePattern(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String name) {
        return name != null && regex.matcher(name).matches();
    }
}
