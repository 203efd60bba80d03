package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.TemplateException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** SAM's error messages, as CloudFormation reports a failed SAM transform. */
public final class ServerlessErrors {
    private static final String DOCUMENT = "Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless "
            + "Application Specification document. Number of errors found: ";
    private static final String ONE = DOCUMENT + "1. ";

    private ServerlessErrors() {
    }

    /**
     * Several resources' errors as SAM reports them together: counted, each once, in the order found,
     * after one another (joined by a space: UNVERIFIED how CloudFormation joins SAM's causes). An error
     * that is not one of SAM's is kept as it is.
     */
    static TemplateException combined(List<TemplateException> errors) {
        Set<String> messages = new LinkedHashSet<>();
        for (TemplateException e : errors) {
            if (!e.getMessage().startsWith(ONE)) {
                return e;
            }
            messages.add(e.getMessage().substring(ONE.length()));
        }
        return messages.size() == 1 ? errors.getFirst()
                : new TemplateException(DOCUMENT + messages.size() + ". " + String.join(" ", messages));
    }

    /** One invalid resource: SAM's document-level wrapper around the resource's own message. */
    public static TemplateException invalidResource(String logicalId, String message) {
        return new TemplateException("Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application "
                + "Specification document. Number of errors found: 1. Resource with id [" + logicalId + "] is invalid. " + message);
    }

    /** A generated resource whose logical id the template already uses. */
    public static TemplateException duplicate(String logicalId, String duplicateId, String type) {
        return new TemplateException(ONE + "Transforming resource with id [" + logicalId + "] attempts to create a new "
                + "resource with id [" + duplicateId + "] and type \"" + type + "\". A resource with that id already "
                + "exists within this template. Please use a different id for that resource.");
    }

    /** A problem with the document as a whole (Globals, an unknown type). */
    public static TemplateException invalidDocument(String message) {
        return new TemplateException("Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application "
                + "Specification document. Number of errors found: 1. Structure of the SAM template is invalid. " + message);
    }

    /** A Globals section SAM refuses. */
    public static TemplateException invalidGlobals(String message) {
        return new TemplateException("Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application "
                + "Specification document. Number of errors found: 1. 'Globals' section is invalid. " + message);
    }
}
