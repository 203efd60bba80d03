package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.serverless.Py27Dict.Plain;
import io.slipway.cloudformation.template.serverless.Py27Dict.Text;
import java.util.List;
import java.util.Map;

/**
 * The swagger 2.0 document SAM manages for a REST API (the implicit one, or an explicit
 * {@code AWS::Serverless::Api} without a definition of its own), edited the way SAM's swagger
 * editor does: an edit deep-copies the document, changes the copy and hands out a deep copy of
 * that. The copies matter: copying a Python 2.7 dict can change its key order, and so the
 * deployment's hash.
 */
final class Swagger {
    static final String ANY_METHOD = "x-amazon-apigateway-any-method";
    static final String INTEGRATION = "x-amazon-apigateway-integration";

    private Swagger() {
    }

    /** SAM's starting document: swagger 2.0, titled with the stack's name, no paths. */
    static Py27Dict skeleton() {
        Py27Dict info = new Py27Dict()
                .put("version", Text.plain("1.0"))
                .put("title", Plain.of("Ref", "AWS::StackName"));
        return new Py27Dict()
                .put("swagger", Text.plain("2.0"))
                .put("info", info)
                .put("paths", new Py27Dict());
    }

    /** SAM's method key: lower case, {@code any} being API Gateway's any-method extension (a string SAM writes). */
    static Text method(String method) {
        String lower = method.toLowerCase(java.util.Locale.ROOT);
        return "any".equals(lower) ? Text.plain(ANY_METHOD) : Text.unicode(lower);
    }

    /** Adds the path and method if absent, on a copy of {@code doc}, as SAM's implicit API plugin does. */
    static Py27Dict addPath(Py27Dict doc, String path, String method) {
        Py27Dict copy = doc.deepCopy();
        pathItem(copy, path, method);
        return copy.deepCopy();
    }

    /** An edit that changes nothing (SAM's pass that makes paths conditional, for functions without conditions). */
    static Py27Dict untouched(Py27Dict doc) {
        return doc.deepCopy().deepCopy();
    }

    static boolean hasIntegration(Py27Dict doc, String path, String method) {
        Text key = method(method);
        return paths(doc).get(path) instanceof Py27Dict item && item.get(key.value()) instanceof Py27Dict operation
                && operation.has(INTEGRATION);
    }

    /** Adds the Lambda proxy integration of {@code uri} to the path and method, on a copy of {@code doc}. */
    static Py27Dict addLambdaIntegration(Py27Dict doc, String path, String method, Py27Dict uri, boolean streaming,
                                         Object timeoutInMillis) {
        Py27Dict copy = doc.deepCopy();
        Py27Dict operation = pathItem(copy, path, method);
        Py27Dict integration = new Py27Dict()
                .put("type", Text.plain("aws_proxy"))
                .put("httpMethod", Text.plain("POST"))
                .put("uri", uri);
        if (streaming) {
            integration.put("responseTransferMode", Text.plain("STREAM"));
        }
        operation.put(INTEGRATION, integration);
        operation.setDefault("responses", false, new Py27Dict());
        if (timeoutInMillis != null) {
            integration.put("timeoutInMillis", Py27Dict.fromTemplate(timeoutInMillis));
        }
        return copy.deepCopy();
    }

    /** SAM's integration URI for a function (or alias) ARN: {@code Fn::Sub} of Lambda's invocations path. */
    static Py27Dict lambdaUri(Object functionArn, boolean streaming) {
        String shorthand;
        boolean unicode;
        if (functionArn instanceof Map<?, ?> arn && arn.get("Fn::GetAtt") instanceof List<?> getAtt && getAtt.size() == 2) {
            shorthand = "${" + getAtt.get(0) + "." + getAtt.get(1) + "}";
            // SAM marks the URI a template string when it points at the function itself
            unicode = true;
        } else if (functionArn instanceof Map<?, ?> ref && ref.get("Ref") instanceof String id) {
            shorthand = "${" + id + "}";
            unicode = false;
        } else {
            shorthand = String.valueOf(functionArn);
            unicode = false;
        }
        // a streamed response (ResponseTransferMode: RESPONSE_STREAM) goes through Lambda's streaming invocation path
        String arn = "arn:aws:apigateway:${AWS::Region}:lambda:path/" + (streaming ? "2021-11-15" : "2015-03-31")
                + "/functions/" + shorthand + (streaming ? "/response-streaming-invocations" : "/invocations");
        return new Py27Dict().put("Fn::Sub", new Text(arn, unicode));
    }

    private static Py27Dict paths(Py27Dict doc) {
        return (Py27Dict) doc.get("paths");
    }

    private static Py27Dict pathItem(Py27Dict doc, String path, String method) {
        Py27Dict item = (Py27Dict) paths(doc).setDefault(path, true, new Py27Dict());
        Text key = method(method);
        return (Py27Dict) item.setDefault(key.value(), key.unicode(), new Py27Dict());
    }
}
