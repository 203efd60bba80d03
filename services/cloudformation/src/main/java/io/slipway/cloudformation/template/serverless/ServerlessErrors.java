package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.TemplateException;

/** SAM's error messages, as CloudFormation reports a failed SAM transform. */
public final class ServerlessErrors {
    private ServerlessErrors() {
    }

    /** One invalid resource: SAM's document-level wrapper around the resource's own message. */
    public static TemplateException invalidResource(String logicalId, String message) {
        return new TemplateException("Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application "
                + "Specification document. Number of errors found: 1. Resource with id [" + logicalId + "] is invalid. " + message);
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
