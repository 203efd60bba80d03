package io.slipway.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.slipway.core.codec.JsonCodec;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code slipway hook-executions}: asks a running Slipway which lifecycle hooks wait for a
 * PutLifecycleEventHookExecutionStatus report and prints one per line, ready to answer with
 * {@code aws deploy put-lifecycle-event-hook-execution-status}.
 */
final class HookExecutionsCommand {

    static final String USAGE = """
            Usage: slipway hook-executions [--endpoint URL] [--account ID] [--region R]

            Lists the CodeDeploy lifecycle hooks of a running Slipway that wait for a
            PutLifecycleEventHookExecutionStatus report, each with the id to answer it with.

              --endpoint URL   Slipway's URL (default: $AWS_ENDPOINT_URL, else http://127.0.0.1:4599)
              --account ID     the account whose hooks to list (default: 000000000000)
              --region R       the region (default: $AWS_REGION, $AWS_DEFAULT_REGION, else us-east-1)
            """;

    private HookExecutionsCommand() {
    }

    static int run(List<String> args) throws InterruptedException {
        String endpoint = System.getenv().getOrDefault("AWS_ENDPOINT_URL", "http://127.0.0.1:" + SlipwayConfig.DEFAULT_PORT);
        String account = "000000000000";
        String region = System.getenv().getOrDefault("AWS_REGION", System.getenv().getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        for (int i = 0; i < args.size(); i++) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (args.get(i)) {
                case "--endpoint" -> endpoint = value;
                case "--account" -> account = value;
                case "--region" -> region = value;
                default -> {
                    System.err.println("slipway hook-executions: unknown option " + args.get(i));
                    return 2;
                }
            }
            if (value == null) {
                System.err.println("slipway hook-executions: missing value for " + args.get(i));
                return 2;
            }
            i++;
        }
        URI uri = URI.create(endpoint.replaceAll("/+$", "") + "/_slipway/codedeploy/hook-executions?account="
                + URLEncoder.encode(account, StandardCharsets.UTF_8) + "&region=" + URLEncoder.encode(region, StandardCharsets.UTF_8));
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println("slipway hook-executions: " + uri + " answered " + response.statusCode());
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
}
