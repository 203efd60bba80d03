package io.slipway.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A training run for the JDK's ahead-of-time cache: starts an in-memory server, sends it the
 * requests a session typically begins with, and stops. Run under {@code -XX:AOTCacheOutput=...}
 * (the launcher does this once after building), the classes it loaded and linked are cached and
 * later starts skip that work.
 */
final class AotTraining {
    private static final String[][] REQUESTS = {
        {"CodeDeploy_20141006.CreateApplication", "{\"applicationName\":\"training\"}"},
        {"CodeDeploy_20141006.GetApplication", "{\"applicationName\":\"training\"}"},
        {"CodeDeploy_20141006.ListApplications", "{}"},
        {"CodeDeploy_20141006.CreateDeploymentGroup", "{\"applicationName\":\"training\",\"deploymentGroupName\":\"g\","
                + "\"serviceRoleArn\":\"arn:aws:iam::000000000000:role/r\"}"},
        {"CodeDeploy_20141006.GetDeploymentGroup", "{\"applicationName\":\"training\",\"deploymentGroupName\":\"g\"}"},
        {"CodeDeploy_20141006.ListDeploymentConfigs", "{}"},
        {"CodeDeploy_20141006.GetApplication", "{\"applicationName\":\"missing\"}"},
    };

    private AotTraining() {
    }

    static int run() {
        try (Slipway slipway = Slipway.start(SlipwayConfig.ephemeralOnFreePort())) {
            for (String[] r : REQUESTS) {
                send(slipway.port(), "POST", r[1], "Content-Type: application/x-amz-json-1.1\r\nX-Amz-Target: " + r[0]);
            }
            send(slipway.port(), "POST", "Action=ListHookResults&Version=2010-05-15",
                    "Content-Type: application/x-www-form-urlencoded; charset=utf-8");
            send(slipway.port(), "GET", "", "X-Probe: 1");
        }
        return 0;
    }

    /** One request over a plain socket: the training must not load an HTTP client Slipway never uses. */
    private static void send(int port, String method, String body, String headers) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String path = method.equals("GET") ? "/_slipway/health" : "/";
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/codedeploy/aws4_request, "
                + "SignedHeaders=host, Signature=0\r\nContent-Length: " + payload.length + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
