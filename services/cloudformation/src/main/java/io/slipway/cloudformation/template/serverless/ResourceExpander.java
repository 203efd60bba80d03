package io.slipway.cloudformation.template.serverless;

/**
 * Expands one SAM resource type into the CloudFormation resources SAM generates for it.
 * Implementations throw {@link io.slipway.cloudformation.template.TemplateException} with SAM's
 * message for an invalid resource (SAM reports them as
 * {@code Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application
 * Specification document. Number of errors found: 1. Resource with id [X] is invalid. ...}).
 */
@FunctionalInterface
public interface ResourceExpander {

    void expand(ServerlessResource resource, Expansion out);
}
