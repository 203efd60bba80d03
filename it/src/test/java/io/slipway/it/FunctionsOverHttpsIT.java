package io.slipway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.app.SlipwayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code --tls} and an https {@code --endpoint-url}, functions call Slipway over HTTPS and their
 * runtimes' SDKs trust Slipway's certificate (AWS_CA_BUNDLE for boto3, NODE_EXTRA_CA_CERTS for Node),
 * in the sandbox as outside it; a client that trusts only the system's roots is still refused, so the
 * endpoint really is Slipway's own certificate.
 */
class FunctionsOverHttpsIT {
    private static final String ACCOUNT = "343434343434";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PORT = freePort();
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withPort(PORT)
            .withTls(new SlipwayConfig.Tls.SelfSigned(List.of())).withEndpointUrl("https://127.0.0.1:" + PORT));

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode run(String name, String runtime, Map<String, String> files) throws Exception {
        LambdaClient lambda = slipway.lambda(ACCOUNT, "us-east-1");
        lambda.createFunction(r -> r.functionName(name).runtime(runtime).handler("index.handler").timeout(30)
                .role("arn:aws:iam::" + ACCOUNT + ":role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(files)))));
        slipway.awaitIdle();
        InvokeResponse r = lambda.invoke(x -> x.functionName(name));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return JSON.readTree(r.payload().asUtf8String());
    }

    @Test
    void boto3TrustsSlipwaysCertificateWhereTheSystemsRootsDoNot() throws Exception {
        RuntimeLibrariesIT.requireBoto3(slipway);
        JsonNode result = run("py-https", "python3.12", Map.of("index.py", """
                import os, ssl, urllib.request
                import boto3

                def handler(event, context):
                    endpoint = os.environ["AWS_ENDPOINT_URL"]
                    try:
                        urllib.request.urlopen(endpoint + "/_slipway/health", context=ssl.create_default_context())
                        plain = "trusted"
                    except Exception as e:
                        plain = type(getattr(e, "reason", e)).__name__
                    me = boto3.client("sts").get_caller_identity()
                    return {"endpoint": endpoint, "account": me["Account"], "systemRootsOnly": plain}
                """));
        assertThat(result.path("endpoint").asText()).isEqualTo("https://127.0.0.1:" + PORT);
        assertThat(result.path("account").asText()).isEqualTo(ACCOUNT);
        assertThat(result.path("systemRootsOnly").asText()).isEqualTo("SSLCertVerificationError");
    }

    @Test
    void theJavaScriptSdkTrustsSlipwaysCertificate() throws Exception {
        RuntimeLibrariesIT.requireNodeSdk(slipway);
        JsonNode result = run("node-https", "nodejs20.x", Map.of("index.mjs", """
                import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
                export const handler = async () => {
                  const me = await new STSClient({}).send(new GetCallerIdentityCommand({}));
                  return { endpoint: process.env.AWS_ENDPOINT_URL, account: me.Account };
                };
                """));
        assertThat(result.path("endpoint").asText()).isEqualTo("https://127.0.0.1:" + PORT);
        assertThat(result.path("account").asText()).isEqualTo(ACCOUNT);
    }
}
