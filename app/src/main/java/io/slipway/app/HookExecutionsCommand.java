package io.slipway.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.slipway.agent.client.Credentials;
import io.slipway.agent.client.SigV4Signer;
import io.slipway.agent.client.TrustedCertificates;
import io.slipway.core.codec.JsonCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code slipway hook-executions}: asks a running Slipway which of the caller's lifecycle hooks wait
 * for a PutLifecycleEventHookExecutionStatus report and prints one per line, ready to answer with
 * {@code aws deploy put-lifecycle-event-hook-execution-status}. The caller is whoever signs: the
 * request carries a SigV4 signature for {@code --access-key}/{@code --region} (else
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_REGION}), so Slipway lists that account's hooks in that
 * region, as it scopes CodeDeploy's own operations.
 */
final class HookExecutionsCommand {

    static final String USAGE = """
            Usage: slipway hook-executions [--endpoint URL] [--access-key KEY] [--region R] [--ca-bundle PEM]

            Lists the caller's CodeDeploy lifecycle hooks, in a running Slipway, that wait for a
            PutLifecycleEventHookExecutionStatus report, each with the id to answer it with. The
            request is signed as the CLI signs, so it sees the hooks of the key's account.

              --endpoint URL     Slipway's URL (default: $AWS_ENDPOINT_URL, else http://127.0.0.1:4599)
              --access-key KEY   the access key to sign with (default: $AWS_ACCESS_KEY_ID, else test)
              --region R         the region (default: $AWS_REGION, $AWS_DEFAULT_REGION, else us-east-1)
              --ca-bundle PEM    over https, trust only the certificates of this file, such as the one
                                 'slipway server --tls' printed (default: $AWS_CA_BUNDLE, else the JDK's)
            """;

    private HookExecutionsCommand() {
    }

    static int run(List<String> args) throws InterruptedException {
        return run(args, System.getenv());
    }

    static int run(List<String> args, Map<String, String> env) throws InterruptedException {
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL", "http://127.0.0.1:" + SlipwayConfig.DEFAULT_PORT);
        Credentials fromEnvironment = Credentials.fromEnvironment(env);
        String accessKey = fromEnvironment.accessKeyId();
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        String caBundle = env.get("AWS_CA_BUNDLE");
        for (int i = 0; i < args.size(); i++) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (args.get(i)) {
                case "--endpoint" -> endpoint = value;
                case "--access-key" -> accessKey = value;
                case "--region" -> region = value;
                case "--ca-bundle" -> caBundle = value;
                default -> {
                    System.err.println("slipway hook-executions: unknown option " + args.get(i)
                            + " (options: --endpoint URL, --access-key KEY, --region REGION, --ca-bundle PEM)");
                    return 2;
                }
            }
            if (value == null) {
                System.err.println("slipway hook-executions: missing value for " + args.get(i));
                return 2;
            }
            i++;
        }
        URI uri = URI.create(endpoint.replaceAll("/+$", "") + "/_slipway/codedeploy/hook-executions");
        // the environment's session token goes with the environment's key only
        SigV4Signer signer = new SigV4Signer(new Credentials(accessKey, fromEnvironment.secretAccessKey(),
                accessKey.equals(fromEnvironment.accessKeyId()) ? fromEnvironment.sessionToken() : java.util.Optional.empty()), region,
                "codedeploy");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        signer.sign("GET", uri, Map.of("x-amz-content-sha256", EMPTY_SHA256), EMPTY_SHA256, Instant.now())
                .forEach(request::header);
        request.header("x-amz-content-sha256", EMPTY_SHA256);
        HttpClient.Builder http = HttpClient.newBuilder();
        if (caBundle != null && !caBundle.isEmpty()) {
            try {
                http.sslContext(TrustedCertificates.from(Path.of(caBundle)));
            } catch (IllegalArgumentException e) {
                System.err.println("slipway hook-executions: " + e.getMessage());
                return 2;
            }
        }
        try (HttpClient client = http.build()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println("slipway hook-executions: " + uri + " answered " + response.statusCode() + " "
                        + response.body());
                return 1;
            }
            int count = 0;
            for (Map<String, String> e : entries(response.body())) {
                System.out.println(e.get("deploymentId") + "  " + e.get("lifecycleEventName") + "  " + e.get("functionName")
                        + "  since " + e.get("startedAt")
                        + "\n    --lifecycle-event-hook-execution-id " + e.get("lifecycleEventHookExecutionId"));
                if (e.containsKey("functionError")) {
                    System.out.println("    the call failed: " + e.get("functionError").replace("\n", "\n    "));
                }
                count++;
            }
            if (count == 0) {
                System.out.println("No lifecycle hooks are waiting for a report.");
            }
            return 0;
        } catch (IOException e) {
            System.err.println("slipway hook-executions: cannot reach Slipway at " + endpoint + ": " + e.getMessage());
            return 1;
        }
    }

    /** The listing's hook executions, each as its string fields. */
    private static List<Map<String, String>> entries(String body) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        try (JsonParser p = JsonCodec.FACTORY.createParser(body)) {
            Map<String, String> current = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT && p.getParsingContext().getParent().inArray()) {
                    current = new LinkedHashMap<>();
                    out.add(current);
                } else if (t == JsonToken.VALUE_STRING && current != null) {
                    current.put(p.currentName(), p.getText());
                }
            }
        }
        return out;
    }

    /** SHA-256 of an empty body, what a GET signs. */
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
}
