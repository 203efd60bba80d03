package io.slipway.it;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CodeDeploy agent command service spoken by hand, as a host's agent speaks it: for tests of the
 * protocol itself, where a real agent would hide what the service answers. Classic by default; the
 * secure service (the agent's {@code :enable_auth_policy: true}) through {@link #secure()}. Unsigned
 * by default (the default account); {@link #signedWith} signs with the SDK's own SigV4 signer.
 */
final class HostProtocol {
    static final String PREFIX = "CodeDeployCommandService_v20141006.";
    /** The secure service's target prefix, from the agent's CodeDeployCommandSecure.api.json. */
    static final String SECURE_PREFIX = "CodeDeployCommandService.";
    private final String endpoint;
    private final String prefix;
    private final Optional<Signing> signing;

    private record Signing(String accessKeyId, String secret, String service) {
    }

    HostProtocol(String endpoint) {
        this(endpoint, PREFIX, Optional.empty());
    }

    private HostProtocol(String endpoint, String prefix, Optional<Signing> signing) {
        this.endpoint = endpoint;
        this.prefix = prefix;
        this.signing = signing;
    }

    /** The same calls to the secure command service. */
    HostProtocol secure() {
        return new HostProtocol(endpoint, SECURE_PREFIX, signing);
    }

    /** The same calls signed with {@code accessKeyId} and {@link SlipwayServer#SECRET} for {@code service} in us-east-1. */
    HostProtocol signedWith(String accessKeyId, String service) {
        return signedWith(accessKeyId, SlipwayServer.SECRET, service);
    }

    HostProtocol signedWith(String accessKeyId, String secret, String service) {
        return new HostProtocol(endpoint, prefix, Optional.of(new Signing(accessKeyId, secret, service)));
    }

    record Command(String id, String executionId, String name) {
    }

    HttpResponse<String> call(String operation, String body) {
        if (signing.isEmpty()) {
            return RawHttp.json(endpoint, prefix + operation, body);
        }
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(endpoint + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", prefix + operation).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.request(unsigned)
                .identity(AwsCredentialsIdentity.create(signing.get().accessKeyId(), signing.get().secret()))
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signing.get().service())
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        List<String> headers = new ArrayList<>();
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) { // the HTTP client sends the same Host itself
                values.forEach(v -> headers.addAll(List.of(name, v)));
            }
        });
        return RawHttp.post(endpoint, body, headers.toArray(String[]::new));
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
