package io.slipway.it;

import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CodeDeploy agent command service spoken by hand, as a host's agent speaks it: for tests of the
 * protocol itself, where a real agent would hide what the service answers.
 */
final class HostProtocol {
    static final String PREFIX = "CodeDeployCommandService_v20141006.";
    private final String endpoint;

    HostProtocol(String endpoint) {
        this.endpoint = endpoint;
    }

    record Command(String id, String executionId, String name) {
    }

    HttpResponse<String> call(String operation, String body) {
        return RawHttp.json(endpoint, PREFIX + operation, body);
    }

    /** PollHostCommand, expecting an answer at once (the test knows a command is due, or that none will come). */
    Optional<Command> poll(String hostIdentifier) {
        HttpResponse<String> r = ok(call("PollHostCommand", "{\"HostIdentifier\":\"" + hostIdentifier + "\"}"));
        if (!r.body().contains("HostCommandIdentifier")) {
            return Optional.empty();
        }
        return Optional.of(new Command(field(r.body(), "HostCommandIdentifier"), field(r.body(), "DeploymentExecutionId"),
                field(r.body(), "CommandName")));
    }

    String specification(Command command, String hostIdentifier) {
        return ok(call("GetDeploymentSpecification", "{\"DeploymentExecutionId\":\"" + command.executionId()
                + "\",\"HostIdentifier\":\"" + hostIdentifier + "\"}")).body();
    }

    String acknowledge(Command command) {
        return field(ok(call("PutHostCommandAcknowledgement", "{\"HostCommandIdentifier\":\"" + command.id()
                + "\",\"Diagnostics\":{\"Format\":\"JSON\",\"Payload\":\"{\\\"IsCommandNoop\\\":false}\"}}")).body(),
                "CommandStatus");
    }

    void complete(Command command, String status, int errorCode, String scriptName, String message, String log) {
        String payload = "{\"error_code\":" + errorCode + ",\"script_name\":\"" + scriptName + "\",\"message\":\""
                + message + "\",\"log\":\"" + log + "\"}";
        ok(call("PutHostCommandComplete", "{\"HostCommandIdentifier\":\"" + command.id() + "\",\"CommandStatus\":\""
                + status + "\",\"Diagnostics\":{\"Format\":\"JSON\",\"Payload\":\"" + payload.replace("\"", "\\\"") + "\"}}"));
    }

    void succeed(Command command) {
        complete(command, "Succeeded", 0, "", "Succeeded", "");
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("No " + name + " in " + json);
        }
        return m.group(1);
    }
}
