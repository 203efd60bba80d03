package io.slipway.cloudformation.template.serverless;

import java.util.Map;

/**
 * {@code AWS::Serverless::Api}: an {@code AWS::ApiGateway::RestApi} with its definition
 * (DefinitionBody, DefinitionUri, or a swagger document SAM builds from the Api events that name
 * the API), a deployment {@code <Api>Deployment<hash>} and the stage {@code <Api><StageName>Stage}.
 * The resources are written at once; {@link Events#finish} writes them again with the paths of the
 * functions' events (and so a new deployment hash) when events name the API.
 */
public final class Apis implements ResourceExpander {
    public static final ResourceExpander EXPANDER = new Apis();

    @Override
    public void expand(ServerlessResource resource, Expansion out) {
        ApiBook.of(out).restApis.put(resource.logicalId(), resource);
        RestApis.write(out, resource.logicalId(), resource.properties(), resource, Map.of(),
                RestApis.managed(resource) ? RestApis.withOpenApiVersion(RestApis.definition(resource), resource.properties())
                        : RestApis.definition(resource), "");
    }
}
