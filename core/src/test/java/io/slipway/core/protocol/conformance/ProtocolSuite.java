package io.slipway.core.protocol.conformance;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.protocol.AwsJsonProtocol;
import io.slipway.core.protocol.AwsQueryProtocol;
import io.slipway.core.protocol.Protocol;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.ServiceModel;
import software.amazon.smithy.aws.traits.protocols.AwsJson1_1Trait;
import software.amazon.smithy.aws.traits.protocols.AwsQueryTrait;
import software.amazon.smithy.model.shapes.ShapeId;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A protocol whose official test suite Slipway runs: its test service and how to call an operation. */
enum ProtocolSuite {
    AWS_JSON_1_1("awsJson1_1", AwsJson1_1Trait.ID, "aws.protocoltests.json#JsonProtocol") {
        @Override
        Protocol protocol(ServiceBinding service) {
            return new AwsJsonProtocol("1.1", List.of(service));
        }

        @Override
        HttpRequest call(ServiceModel service, Operation operation) {
            return new HttpRequest("POST", "/", null, Map.of("content-type", "application/x-amz-json-1.1",
                    "x-amz-target", service.targetPrefix() + "." + operation.name()), bytes("{}"));
        }
    },
    AWS_QUERY("awsQuery", AwsQueryTrait.ID, "aws.protocoltests.query#AwsQuery") {
        @Override
        Protocol protocol(ServiceBinding service) {
            return new AwsQueryProtocol(List.of(service));
        }

        @Override
        HttpRequest call(ServiceModel service, Operation operation) {
            return new HttpRequest("POST", "/", null, Map.of("content-type", "application/x-www-form-urlencoded"),
                    bytes("Action=" + operation.name() + "&Version=" + service.apiVersion()));
        }
    };

    final String label;
    final ShapeId trait;
    final ShapeId service;

    ProtocolSuite(String label, ShapeId trait, String service) {
        this.label = label;
        this.trait = trait;
        this.service = ShapeId.from(service);
    }

    abstract Protocol protocol(ServiceBinding service);

    /** A request for the operation with no input members, as a response case needs one to answer. */
    abstract HttpRequest call(ServiceModel service, Operation operation);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
