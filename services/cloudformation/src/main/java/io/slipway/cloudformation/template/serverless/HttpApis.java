package io.slipway.cloudformation.template.serverless;

public final class HttpApis implements ResourceExpander {
    public static final ResourceExpander EXPANDER = new HttpApis();

    @Override
    public void expand(ServerlessResource resource, Expansion out) {
        throw ServerlessErrors.invalidResource(resource.logicalId(), "not yet");
    }
}
