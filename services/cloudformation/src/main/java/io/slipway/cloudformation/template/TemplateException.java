package io.slipway.cloudformation.template;

/**
 * A problem with a template, its parameters or its evaluation. The message is exactly the text
 * CloudFormation answers as a ValidationError, so the API layer can pass it through unchanged, e.g.
 * {@code Template format error: YAML not well-formed. (line 3, column 5)}.
 */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public static TemplateException format(String detail) {
        return new TemplateException("Template format error: " + detail);
    }

    public static TemplateException error(String detail) {
        return new TemplateException("Template error: " + detail);
    }
}
