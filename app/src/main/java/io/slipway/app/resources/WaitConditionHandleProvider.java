package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * AWS::CloudFormation::WaitConditionHandle: no service holds it. Ref is the URL a signal is sent
 * to; AWS answers a presigned S3 URL that names the stack and the handle, Slipway a URL under its
 * own endpoint that names the same, so it is the same on every call for the same handle and a
 * retry or an update changes nothing. There is nothing to update or delete.
 */
final class WaitConditionHandleProvider implements ResourceProvider {
    static final String TYPE = "AWS::CloudFormation::WaitConditionHandle";
    /** Where signals for a handle are sent: {@code PATH + <url-encoded stack id> + "/" + <logical id>}. */
    static final String PATH = "/_slipway/cloudformation/wait-condition/";

    private final Supplier<String> endpoint;

    WaitConditionHandleProvider(Supplier<String> endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        ResourceProperties.of(request.logicalId(), request.properties()).only(Set.of()); // the type has no properties
        return new Provisioned(endpoint.get() + PATH + URLEncoder.encode(request.stackId(), StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(request.logicalId(), StandardCharsets.UTF_8), Map.of());
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current) {
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        // nothing was made
    }
}
