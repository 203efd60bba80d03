package io.slipway.app;

import io.slipway.agent.client.Credentials;
import io.slipway.agent.client.SigV4Signer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code slipway hook-executions}: asks a running Slipway which of the caller's lifecycle hooks wait
 * for a PutLifecycleEventHookExecutionStatus report and prints one per line, ready to answer with
 * {@code aws deploy put-lifecycle-event-hook-execution-status}. The caller is whoever signs: the
 * request carries a SigV4 signature for {@code --access-key}/{@code --region} (else
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_REGION}), so Slipway lists that account's hooks in that
 * region, as it scopes CodeDeploy's own operations.
 */
final class HookExecutionsCommand {
    private static final Pattern ENTRY = Pattern.compile("\\{\"deploymentId\":\"([^\"]*)\",\"lifecycleEventName\":\"([^\"]*)\","
            + "\"functionName\":\"([^\"]*)\",\"lifecycleEventHookExecutionId\":\"([^\"]*)\",\"startedAt\":\"([^\"]*)\"}");

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
        for (int i = 0; i < args.size(); i++) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (args.get(i)) {
                case "--endpoint" -> endpoint = value;
                case "--access-key" -> accessKey = value;
                case "--region" -> region = value;
                default -> {
                    System.err.println("slipway hook-executions: unknown option " + args.get(i)
                            + " (options: --endpoint URL, --access-key KEY, --region REGION)");
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
        SigV4Signer signer = new SigV4Signer(new Credentials(accessKey, fromEnvironment.secretAccessKey()), region,
                "codedeploy");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        signer.sign("GET", uri, Map.of("x-amz-content-sha256", EMPTY_SHA256), EMPTY_SHA256, Instant.now())
                .forEach(request::header);
        request.header("x-amz-content-sha256", EMPTY_SHA256);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println("slipway hook-executions: " + uri + " answered " + response.statusCode() + " "
                        + response.body());
                return 1;
            }
            Matcher m = ENTRY.matcher(response.body());
            int count = 0;
            while (m.find()) {
                System.out.println(m.group(1) + "  " + m.group(2) + "  " + m.group(3) + "  since " + m.group(5)
                        + "\n    --lifecycle-event-hook-execution-id " + m.group(4));
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

    /** SHA-256 of an empty body, what a GET signs. */
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
}
