package io.slipway.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda-backed custom resources written with cfn-response, in Node.js and Python, inline in the
 * template as AWS allows: each request reaches the function (which also reports it to a recorder
 * the test runs), the function answers through the ResponseURL, and the stack creates, updates
 * (with a replacement whose old physical resource gets its Delete), fails and rolls back, and
 * deletes, with the response's Data in the stack's outputs.
 */
class CustomResourcesIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private static RequestRecorder recorder;
    private final CloudFormationClient cfn = slipway.cloudFormation();

    static final String NODE = """
            const response = require('cfn-response');
            const http = require('http');
            exports.handler = function (event, context) {
              const p = event.ResourceProperties;
              const body = JSON.stringify(event);
              const req = http.request(p.Recorder, { method: 'POST', headers: { 'content-length': Buffer.byteLength(body) } }, (res) => {
                res.resume();
                res.on('end', () => {
                  if (p.Big === 'yes' && event.RequestType === 'Create') {
                    response.send(event, context, response.SUCCESS, { Greeting: 'x'.repeat(5000) }, 'big-' + p.Name);
                  } else if (p.Fail === 'yes' && event.RequestType === 'Create') {
                    response.send(event, context, response.FAILED, {}, 'failed-' + p.Name, false, 'told to fail');
                  } else {
                    response.send(event, context, response.SUCCESS, { Greeting: 'hello ' + p.Name }, 'thing-' + p.Name,
                      p.Secret === 'yes');
                  }
                });
              });
              req.end(body);
            };
            """;
    static final String PYTHON = """
            import json
            import urllib.request
            import cfnresponse
            def handler(event, context):
                p = event['ResourceProperties']
                urllib.request.urlopen(urllib.request.Request(p['Recorder'], data=json.dumps(event).encode(), method='POST')).read()
                if p.get('Fail') == 'yes' and event['RequestType'] == 'Create':
                    cfnresponse.send(event, context, cfnresponse.FAILED, {}, 'failed-' + p['Name'], reason='told to fail')
                else:
                    cfnresponse.send(event, context, cfnresponse.SUCCESS, {'Greeting': 'hello ' + p['Name']}, 'thing-' + p['Name'])
            """;

    @BeforeAll
    static void startRecorder() {
        recorder = new RequestRecorder();
    }

    @AfterAll
    static void stopRecorder() {
        recorder.close();
    }

    static String template(String runtime, String code, String name, String fail) {
        return template(runtime, code, name, fail, "");
    }

    private static String template(String runtime, String code, String name, String fail, String extra) {
        return """
                Parameters:
                  Recorder: {Type: String}
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: %s
                      Handler: index.handler
                      Role: arn:aws:iam::000000000000:role/lambda
                      Timeout: 30
                      Code:
                        ZipFile: |
                %s
                  Thing:
                    Type: Custom::Thing
                    Properties:
                      ServiceToken: !GetAtt Fn.Arn
                      Recorder: !Ref Recorder
                      Name: %s
                      Fail: "%s"
                      Count: 3
                      Enabled: true
                      Sizes: [1, two]
                %s
                Outputs:
                  Greeting:
                    Value: !GetAtt Thing.Greeting
                  Id:
                    Value: !Ref Thing
                """.formatted(runtime, code.indent(10).stripTrailing(), name, fail,
                extra.indent(6).stripTrailing());
    }

    private Parameter recorderParameter() {
        return Parameter.builder().parameterKey("Recorder").parameterValue(recorder.url())
                .build();
    }

    private List<String> requestsFor(String stackName) {
        return recorder.bodies().stream().filter(r -> r.contains(":stack/" + stackName + "/")).toList();
    }

    @Test
    void aNodeCustomResourceCreatesUpdatesWithAReplacementAndDeletes() {
        cfn.createStack(r -> r.stackName("node-cr").templateBody(template("nodejs20.x", NODE, "one", "no"))
                .parameters(recorderParameter()));
        Stack created = awaitStatus("node-cr", StackStatus.CREATE_COMPLETE);
        assertThat(outputs(created)).containsEntry("Greeting", "hello one").containsEntry("Id", "thing-one");
        assertThat(requestsFor("node-cr")).hasSize(1);
        String create = requestsFor("node-cr").getFirst();
        assertThat(create).contains("\"RequestType\":\"Create\"", "\"ResourceType\":\"Custom::Thing\"",
                "\"LogicalResourceId\":\"Thing\"", "\"Count\":\"3\"", "\"Enabled\":\"true\"", "\"Sizes\":[\"1\",\"two\"]",
                "/_slipway/cloudformation/custom-resource-responses?id=", "\"ServiceToken\":\"arn:aws:lambda:us-east-1:000000000000:function:");
        assertThat(create).doesNotContain("PhysicalResourceId", "OldResourceProperties");

        cfn.updateStack(r -> r.stackName("node-cr").templateBody(template("nodejs20.x", NODE, "two", "no"))
                .parameters(recorderParameter()));
        Stack updated = awaitStatus("node-cr", StackStatus.UPDATE_COMPLETE);
        assertThat(outputs(updated)).containsEntry("Greeting", "hello two").containsEntry("Id", "thing-two");
        List<String> afterUpdate = requestsFor("node-cr");
        assertThat(afterUpdate).hasSize(3);
        assertThat(afterUpdate.get(1)).contains("\"RequestType\":\"Update\"", "\"PhysicalResourceId\":\"thing-one\"",
                "\"OldResourceProperties\":{", "\"Name\":\"one\"", "\"Name\":\"two\"");
        // the new physical id replaced the old one: its Delete comes in the cleanup
        assertThat(afterUpdate.get(2)).contains("\"RequestType\":\"Delete\"", "\"PhysicalResourceId\":\"thing-one\"");

        cfn.deleteStack(r -> r.stackName("node-cr"));
        Eventually.await(() -> cfn.describeStacks(r -> r.stackName(created.stackId())).stacks().getFirst(),
                s -> s.stackStatus() == StackStatus.DELETE_COMPLETE);
        assertThat(requestsFor("node-cr")).hasSize(4);
        assertThat(requestsFor("node-cr").get(3)).contains("\"RequestType\":\"Delete\"", "\"PhysicalResourceId\":\"thing-two\"");
    }

    @Test
    void aPythonCustomResourceWorksAndOneThatAnswersFailedRollsTheStackBackWithItsReason() {
        cfn.createStack(r -> r.stackName("py-cr").templateBody(template("python3.12", PYTHON, "snake", "no"))
                .parameters(recorderParameter()));
        Stack created = awaitStatus("py-cr", StackStatus.CREATE_COMPLETE);
        assertThat(outputs(created)).containsEntry("Greeting", "hello snake").containsEntry("Id", "thing-snake");

        cfn.createStack(r -> r.stackName("py-fail").templateBody(template("python3.12", PYTHON, "bad", "yes"))
                .parameters(recorderParameter()));
        awaitStatus("py-fail", StackStatus.ROLLBACK_COMPLETE);
        String reason = cfn.describeStackEvents(r -> r.stackName("py-fail")).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("Thing") && e.resourceStatusAsString().equals("CREATE_FAILED"))
                .findFirst().orElseThrow().resourceStatusReason();
        assertThat(reason).matches("Received response status \\[FAILED\\] from custom resource\\. Message returned: told to fail"
                + " \\(RequestId: [-0-9a-f]{36}\\)");
        // the failed create is deleted in the rollback, with the physical id its response named
        assertThat(requestsFor("py-fail")).hasSize(2);
        assertThat(requestsFor("py-fail").get(1)).contains("\"RequestType\": \"Delete\"", "\"PhysicalResourceId\": \"failed-bad\"");
    }

    @Test
    void aTamperedResponseUrlIsRefusedAsS3RefusesOne() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String url = slipway.endpoint() + "/_slipway/cloudformation/custom-resource-responses?id=abc&account=000000000000"
                + "&region=us-east-1&expires=9999999999&signature=00";
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"Status\":\"SUCCESS\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<Error><Code>SignatureDoesNotMatch</Code>");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    private String failure(String stack, String logicalId) {
        return cfn.describeStackEvents(r -> r.stackName(stack)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals(logicalId) && e.resourceStatusAsString().equals("CREATE_FAILED"))
                .findFirst().orElseThrow().resourceStatusReason();
    }

    private void createAndRollBack(String stack, String template) {
        cfn.createStack(r -> r.stackName(stack).templateBody(template).parameters(recorderParameter()));
        Eventually.await(() -> cfn.describeStacks(r -> r.stackName(stack)).stacks().getFirst(),
                x -> !x.stackStatusAsString().endsWith("_IN_PROGRESS"));
    }

    private static final String BARE = """
            Parameters:
              Recorder: {Type: String}
            Resources:
              Thing:
                Type: AWS::CloudFormation::CustomResource
                Properties:
                  ServiceToken: %s
                  ServiceTimeout: %s
            """;

    @Test
    void badServiceTokensTimeoutsAndResponsesFailTheResourceWithCloudFormationsReasons() {
        createAndRollBack("other-account", BARE.formatted("arn:aws:lambda:us-east-1:999999999999:function:theirs", 5));
        assertThat(failure("other-account", "Thing")).startsWith("Invalid service token: arn:aws:lambda:us-east-1:999999999999"
                + ":function:theirs is not in this stack's account 000000000000");
        createAndRollBack("other-region", BARE.formatted("arn:aws:lambda:eu-west-1:000000000000:function:f", 5));
        assertThat(failure("other-region", "Thing")).contains("is not in this stack's region us-east-1");
        createAndRollBack("no-function", BARE.formatted("arn:aws:lambda:us-east-1:000000000000:function:none", 5));
        assertThat(failure("no-function", "Thing")).contains("arn:aws:lambda:us-east-1:000000000000:function:none");
        createAndRollBack("zero-timeout", BARE.formatted("arn:aws:sns:us-east-1:000000000000:t", 0));
        assertThat(failure("zero-timeout", "Thing")).contains("ServiceTimeout");
        createAndRollBack("long-timeout", BARE.formatted("arn:aws:sns:us-east-1:000000000000:t", 3601));
        assertThat(failure("long-timeout", "Thing")).contains("ServiceTimeout");

        // an SNS topic is recorded; nothing answers, so the request times out (and so does the rollback's Delete)
        createAndRollBack("topic", BARE.formatted("arn:aws:sns:us-east-1:000000000000:topic", 1));
        assertThat(failure("topic", "Thing")).matches("CloudFormation did not receive a response from your Custom Resource\\."
                + " Please check your logs for requestId \\[[-0-9a-f]{36}\\]\\. If you are using the Python cfn-response module,.*");

        // a response over 4,096 bytes is refused
        createAndRollBack("big", template("nodejs20.x", NODE, "big", "no", "Big: \"yes\""));
        assertThat(failure("big", "Thing")).isEqualTo("Response object is too long.");

        // Data without the attribute a GetAtt reads
        createAndRollBack("missing", template("nodejs20.x", NODE, "m", "no").replace("Outputs:",
                "  Reader:\n    Type: AWS::SSM::Parameter\n    Properties: {Type: String, Value: !GetAtt Thing.Nope}\nOutputs:"));
        assertThat(failure("missing", "Reader")).startsWith("CustomResource attribute error: Vendor response doesn't contain Nope key"
                + " in object arn:aws:cloudformation:us-east-1:000000000000:stack/missing/");
    }

    @Test
    void aNoEchoResponseMasksTheOutputsThatReadItsData() {
        cfn.createStack(r -> r.stackName("secret").templateBody(template("nodejs20.x", NODE, "s", "no", "Secret: \"yes\""))
                .parameters(recorderParameter()));
        Stack created = awaitStatus("secret", StackStatus.CREATE_COMPLETE);
        assertThat(outputs(created)).containsEntry("Greeting", "*****").containsEntry("Id", "thing-s");
    }

    @Test
    void aResponseUrlIsForItsOwnAccountOnly() throws Exception {
        cfn.createStack(r -> r.stackName("url-owner").templateBody(template("nodejs20.x", NODE, "u", "no"))
                .parameters(recorderParameter()));
        awaitStatus("url-owner", StackStatus.CREATE_COMPLETE);
        String event = requestsFor("url-owner").getFirst();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"ResponseURL\":\"([^\"]+)\"").matcher(event);
        assertThat(m.find()).isTrue();
        String url = m.group(1);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> moved = http.send(HttpRequest.newBuilder(URI.create(url.replace("account=000000000000",
                "account=999999999999"))).PUT(HttpRequest.BodyPublishers.ofString("{\"Status\":\"SUCCESS\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(moved.statusCode()).isEqualTo(403);
        assertThat(moved.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        HttpResponse<String> late = http.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"Status\":\"FAILED\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(late.statusCode()).isEqualTo(200); // the request is over: accepted and ignored, as S3 accepts a PUT
        assertThat(cfn.describeStacks(r -> r.stackName("url-owner")).stacks().getFirst().stackStatus())
                .isEqualTo(StackStatus.CREATE_COMPLETE);
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
    }

    private Stack awaitStatus(String stack, StackStatus status) {
        Stack s = Eventually.await(() -> cfn.describeStacks(r -> r.stackName(stack)).stacks().getFirst(),
                x -> !x.stackStatusAsString().endsWith("_IN_PROGRESS"));
        assertThat(s.stackStatus()).as(s.stackStatusReason() + " " + cfn.describeStackEvents(r -> r.stackName(stack)).stackEvents()
                .stream().map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + " " + e.resourceStatusReason()).toList())
                .isEqualTo(status);
        return s;
    }
}
