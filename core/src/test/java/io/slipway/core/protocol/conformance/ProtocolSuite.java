package io.slipway.core.protocol.conformance;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.protocol.AwsJsonProtocol;
import io.slipway.core.protocol.AwsQueryProtocol;
import io.slipway.core.protocol.Protocol;
import io.slipway.core.protocol.RestJsonProtocol;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.ServiceModel;
import software.amazon.smithy.aws.traits.protocols.AwsJson1_1Trait;
import software.amazon.smithy.aws.traits.protocols.AwsQueryTrait;
import software.amazon.smithy.aws.traits.protocols.RestJson1Trait;
import software.amazon.smithy.model.shapes.ShapeId;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A protocol whose official test suite Slipway runs: its test service and how to call an operation. */
enum ProtocolSuite {
    AWS_JSON_1_1("awsJson1_1", AwsJson1_1Trait.ID, "aws.protocoltests.json#JsonProtocol", "application/json") {
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
    AWS_QUERY("awsQuery", AwsQueryTrait.ID, "aws.protocoltests.query#AwsQuery", "application/xml") {
        @Override
        Protocol protocol(ServiceBinding service) {
            return new AwsQueryProtocol(List.of(service));
        }

        @Override
        HttpRequest call(ServiceModel service, Operation operation) {
            return new HttpRequest("POST", "/", null, Map.of("content-type", "application/x-www-form-urlencoded"),
                    bytes("Action=" + operation.name() + "&Version=" + service.apiVersion()));
        }
    },
    /** Bodies without a stated media type are payloads, compared as text. */
    REST_JSON_1("restJson1", RestJson1Trait.ID, "aws.protocoltests.restjson#RestJson", "text/plain") {
        @Override
        Protocol protocol(ServiceBinding service) {
            return new RestJsonProtocol(List.of(service));
        }

        /** The operation's method and URI, each label filled with a value of its member's type. */
        @Override
        HttpRequest call(ServiceModel service, Operation operation) {
            String uri = operation.requestUri();
            int q = uri.indexOf('?');
            StringBuilder path = new StringBuilder();
            for (String segment : (q < 0 ? uri : uri.substring(0, q)).substring(1).split("/", -1)) {
                path.append('/');
                if (segment.startsWith("{")) {
                    String label = segment.substring(1, segment.length() - (segment.endsWith("+}") ? 2 : 1));
                    path.append(URLEncoder.encode(sample(operation.input().member(label)), StandardCharsets.UTF_8)
                            .replace("+", "%20"));
                } else {
                    path.append(segment);
                }
            }
            return new HttpRequest(operation.httpMethod(), path.toString(), q < 0 ? null : uri.substring(q + 1),
                    Map.of(), new byte[0]);
        }

        private static String sample(Member label) {
            return switch (label.target().type()) {
                case BOOLEAN -> "true";
                case BYTE, SHORT, INTEGER, LONG, BIG_INTEGER -> "1";
                case FLOAT, DOUBLE, BIG_DECIMAL -> "1.5";
                case TIMESTAMP -> "unixTimestamp".equals(label.timestampFormat()) ? "1576540098"
                        : "rfc822".equals(label.timestampFormat()) ? "Mon, 16 Dec 2019 23:48:18 GMT" : "2019-12-16T23:48:18Z";
                default -> "label";
            };
        }
    };

    final String label;
    final ShapeId trait;
    final ShapeId service;
    /** How a case's body is compared when the case names no media type. */
    final String bodyMediaType;

    ProtocolSuite(String label, ShapeId trait, String service, String bodyMediaType) {
        this.label = label;
        this.trait = trait;
        this.service = ShapeId.from(service);
        this.bodyMediaType = bodyMediaType;
    }

    abstract Protocol protocol(ServiceBinding service);

    /** A request for the operation with no input members, as a response case needs one to answer. */
    abstract HttpRequest call(ServiceModel service, Operation operation);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
