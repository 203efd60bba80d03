package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad requests at the wire level get the protocol's AWS error, never a 500 or a stack trace. */
class ProtocolErrorsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withMaxBodyBytes(4096));

    private static void assertJsonError(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).get().asString().matches("[0-9a-f-]{36}");
        assertThat(r.body()).startsWith("{\"__type\":\"" + type + "\"").doesNotContain("at io.slipway");
    }

    private static void assertQueryError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(r.body()).startsWith("<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">")
                .contains("<Type>Sender</Type><Code>" + code + "</Code>").contains("<RequestId>");
    }

    @Test
    void awsJsonErrors() {
        String e = slipway.endpoint();
        assertJsonError(RawHttp.json(e, "CodeDeploy_20141006.Explode", "{}"), 400, "UnknownOperationException");
        assertJsonError(RawHttp.json(e, "Nobody_20200101.ListApplications", "{}"), 400, "UnknownOperationException");
        assertJsonError(RawHttp.post(e, "{}", "Content-Type", "application/x-amz-json-1.1"), 400, "UnknownOperationException");
        assertJsonError(RawHttp.post(e, "{}", "Content-Type", "text/plain", "X-Amz-Target",
                "CodeDeploy_20141006.ListApplications"), 400, "UnknownOperationException");
        assertJsonError(RawHttp.json(e, "CodeDeploy_20141006.ListApplications", "{not json"), 400, "SerializationException");
        assertJsonError(RawHttp.json(e, "CodeDeploy_20141006.GetApplication", "{\"applicationName\": 42}"), 400,
                "SerializationException");
        assertJsonError(RawHttp.json(e, "CodeDeploy_20141006.GetApplication", "[]"), 400, "SerializationException");
        assertJsonError(RawHttp.json(e, "CodeDeploy_20141006.CreateApplication",
                "{\"applicationName\":\"" + "x".repeat(5000) + "\"}"), 413, "RequestEntityTooLargeException");
        assertJsonError(RawHttp.json(e, "CodeDeploy_20141006.GetApplication", "{}"), 400, "ApplicationNameRequiredException");
        // an operation Slipway does not serve yet says so, with a status that is not a 500
        assertJsonError(RawHttp.json(e, "CodeDeploy_20141006.ListGitHubAccountTokenNames", "{}"), 501, "NotImplemented");
    }

    @Test
    void awsJsonSuccessShapes() {
        HttpResponse<String> r = RawHttp.json(slipway.endpoint(), "CodeDeploy_20141006.ListApplications", "");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"applications\":[]}");
        // unknown members are ignored, absent members are omitted
        RawHttp.json(slipway.endpoint(), "CodeDeploy_20141006.CreateApplication", "{\"applicationName\":\"a\",\"extra\":{\"x\":[1]}}");
        HttpResponse<String> app = RawHttp.json(slipway.endpoint(), "CodeDeploy_20141006.GetApplication", "{\"applicationName\":\"a\"}");
        assertThat(app.body()).doesNotContain("gitHubAccountName").containsPattern("\"createTime\":\\d+(\\.\\d+)?[,}]");
    }

    @Test
    void awsQueryErrors() {
        String e = slipway.endpoint();
        assertQueryError(RawHttp.query(e, "Version=2010-05-15"), 400, "MissingAction");
        assertQueryError(RawHttp.query(e, "Action=BlowUp&Version=2010-05-15"), 400, "InvalidAction");
        assertQueryError(RawHttp.query(e, "Action=ListHookResults&Version=2010-05-15&TargetType=%ZZ"), 400, "MalformedQueryString");
        assertQueryError(RawHttp.query(e, "Action=ListHookResults&Version=2010-05-15&Status=HOOK_FAILED"), 400, "ValidationError");
        HttpResponse<String> bad = RawHttp.query(e, "Action=ListHookResults&Version=2010-05-15&Status=BAD&TypeArn=x");
        assertQueryError(bad, 400, "ValidationError");
        assertThat(bad.body()).contains("validation error").contains("Value 'BAD' at 'status' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [HOOK_IN_PROGRESS, HOOK_COMPLETE_SUCCEEDED, HOOK_COMPLETE_FAILED, HOOK_FAILED]");
        assertQueryError(RawHttp.query(e, "Action=ListHookResults&Version=2010-05-15&TargetType=CHANGE_SET&TargetId="
                + "arn:aws:cloudformation:us-east-1:000000000000:changeSet/cs/1"), 404, "HookResultNotFound");
        assertQueryError(RawHttp.query(e, "Action=ListHookResults&Version=2010-05-15&Pad=" + "x".repeat(5000)), 413,
                "RequestEntityTooLarge");
    }

    @Test
    void aRequestNoProtocolClaimsIsAnsweredByTheServiceItIsSignedFor() {
        String e = slipway.endpoint();
        String cloudFormation = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/cloudformation/aws4_request, "
                + "SignedHeaders=host, Signature=0";
        // a form that is not labelled as one, and a form posted to a path awsQuery never uses
        assertQueryError(RawHttp.post(e, "Action=ListStacks&Version=2010-05-15", "Content-Type", "text/plain",
                "Authorization", cloudFormation), 400, "MissingAction");
        assertQueryError(RawHttp.send("POST", e + "/stacks", "Action=ListStacks&Version=2010-05-15", "Content-Type",
                "application/x-www-form-urlencoded", "Authorization", cloudFormation), 400, "MissingAction");
        // a Lambda request whose path names no operation
        HttpResponse<String> lambda = RawHttp.send("GET", e + "/2015-03-31/no-such-thing", "", "Authorization",
                cloudFormation.replace("/cloudformation/", "/lambda/"));
        assertThat(lambda.statusCode()).isEqualTo(404);
        assertThat(lambda.headers().firstValue("x-amzn-ErrorType")).get().asString().startsWith("UnknownOperationException");
    }

    @Test
    void awsQueryByGetAndEnvelope() {
        HttpResponse<String> r = RawHttp.get(slipway.endpoint() + "/?Action=ListHookResults&Version=2010-05-15");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<ListHookResultsResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                + "<ListHookResultsResult><HookResults></HookResults></ListHookResultsResult>"
                + "<ResponseMetadata><RequestId>");
    }

    @Test
    void healthReportsVersionServicesAndUptime() {
        HttpResponse<String> r = RawHttp.get(slipway.endpoint() + "/_slipway/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"version\":\"").contains("\"services\":[\"CodeDeploy\",\"CodePipeline\",\"SSM\",\"CloudFormation\",\"IAM\",\"STS\",\"Lambda\",\"S3\"]")
                .containsPattern("\"uptimeSeconds\":\\d+");
    }
}
