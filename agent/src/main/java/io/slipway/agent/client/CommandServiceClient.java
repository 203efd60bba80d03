package io.slipway.agent.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The client side of the CodeDeploy agent command service ({@code CodeDeployCommandService_v20141006}):
 * awsJson1_1 over {@code POST /}, signed with SigV4 for {@code codedeploy-commands}. Member names are
 * the model's, PascalCase.
 */
public final class CommandServiceClient {
    public static final String TARGET_PREFIX = "CodeDeployCommandService_v20141006.";
    /** Longer than the server's long poll (about 10 s) with room for a slow server. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(70);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedRequests requests;

    public CommandServiceClient(HttpClient http, URI endpoint, Credentials credentials, String region, Clock clock) {
        this.requests = new SignedRequests(http, endpoint, credentials, region, "codedeploy-commands", clock);
    }

    /** The next command due on the host, or empty when the long poll ends with nothing to do. */
    public Optional<HostCommand> pollHostCommand(String hostIdentifier) throws IOException, CommandServiceException, InterruptedException {
        JsonNode command = call("PollHostCommand", JSON.createObjectNode().put("HostIdentifier", hostIdentifier)).path("HostCommand");
        if (!command.isObject() || command.path("HostCommandIdentifier").asText("").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HostCommand(command.path("HostCommandIdentifier").asText(), command.path("HostIdentifier").asText(""),
                command.path("DeploymentExecutionId").asText(""), command.path("CommandName").asText("")));
    }

    public SpecificationEnvelope getDeploymentSpecification(String deploymentExecutionId, String hostIdentifier)
            throws IOException, CommandServiceException, InterruptedException {
        JsonNode out = call("GetDeploymentSpecification", JSON.createObjectNode()
                .put("DeploymentExecutionId", deploymentExecutionId).put("HostIdentifier", hostIdentifier));
        JsonNode envelope = out.path("DeploymentSpecification").path("GenericEnvelope");
        return new SpecificationEnvelope(out.path("DeploymentSystem").asText(""), envelope.path("Format").asText(""),
                envelope.path("Payload").asText(""));
    }

    /** Tells the service the host took the command; answers the command's status as the service sees it. */
    public String putHostCommandAcknowledgement(String hostCommandIdentifier, boolean noop)
            throws IOException, CommandServiceException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("HostCommandIdentifier", hostCommandIdentifier);
        body.set("Diagnostics", diagnostics(JSON.createObjectNode().put("IsCommandNoop", noop).toString()));
        return call("PutHostCommandAcknowledgement", body).path("CommandStatus").asText("");
    }

    /** Reports the command's outcome: {@code Succeeded} or {@code Failed} with its JSON diagnostics. */
    public void putHostCommandComplete(String hostCommandIdentifier, String commandStatus, String diagnosticsPayload)
            throws IOException, CommandServiceException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("HostCommandIdentifier", hostCommandIdentifier).put("CommandStatus", commandStatus);
        body.set("Diagnostics", diagnostics(diagnosticsPayload));
        call("PutHostCommandComplete", body);
    }

    private static ObjectNode diagnostics(String payload) {
        return JSON.createObjectNode().put("Format", "JSON").put("Payload", payload);
    }

    private JsonNode call(String operation, ObjectNode input) throws IOException, CommandServiceException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(input);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("X-Amz-Target", TARGET_PREFIX + operation);
        HttpResponse<byte[]> response = requests.send("POST", requests.endpoint(), headers, body, SigV4Signer.sha256Hex(body),
                REQUEST_TIMEOUT, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode out = response.body().length == 0 ? JSON.createObjectNode() : parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String type = out.path("__type").asText("");
            type = type.isEmpty() ? "HTTP" + response.statusCode() : type.substring(type.lastIndexOf('#') + 1);
            String message = out.path("message").asText(out.path("Message").asText(""));
            throw new CommandServiceException(response.statusCode(), type, operation + ": " + message);
        }
        return out;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            // An answer that is not JSON (a proxy's error page) still has a status worth reporting.
            return JSON.createObjectNode();
        }
    }
}
