package io.slipway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functions use the SDKs Lambda's runtimes ship without packaging them (runtimes/install.sh puts
 * them where Slipway finds them): the AWS SDK for JavaScript v3 from ES modules and CommonJS, boto3
 * from python, each calling Slipway as the function's account. A function's own copy wins.
 */
class RuntimeLibrariesIT {
    private static final String ACCOUNT = "121212121212";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();

    /** The Node.js SDK is installed: under CI=true its absence fails (scripts/test installs it), elsewhere it skips. */
    static void requireNodeSdk(SlipwayServer server) throws Exception {
        LambdaFixtures.requireNode();
        require(server, "nodejs", "AWS SDK for JavaScript v3 from ");
    }

    /** As {@link #requireNodeSdk} for boto3. */
    static void requireBoto3(SlipwayServer server) throws Exception {
        LambdaFixtures.requirePython();
        require(server, "python", "boto3 ");
    }

    private static void require(SlipwayServer server, String family, String installed) throws Exception {
        String status = status(server, family);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(status).as("runtimes/install.sh has installed the " + family + " SDK").startsWith(installed);
        }
        Assumptions.assumeTrue(status.startsWith(installed), status);
    }

    /** The family's status once {@code server} has finished looking (python3's boto3 is looked up aside, not while health answers). */
    static String status(SlipwayServer server, String family) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (true) {
            String status = JSON.readTree(RawHttp.get(server.endpoint() + "/_slipway/health").body())
                    .path("lambdaRuntimeLibraries").path(family).asText();
            if (!status.startsWith("checking:") || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(50);
        }
    }

    private static JsonNode run(String name, String runtime, Map<String, String> files) throws Exception {
        InvokeResponse r = invoke(name, runtime, files);
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return JSON.readTree(r.payload().asUtf8String());
    }

    private static InvokeResponse invoke(String name, String runtime, Map<String, String> files) {
        LambdaClient lambda = slipway.lambda(ACCOUNT, "us-east-1");
        lambda.createFunction(r -> r.functionName(name).runtime(runtime).handler("index.handler").timeout(30)
                .role("arn:aws:iam::" + ACCOUNT + ":role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(files)))));
        slipway.awaitIdle();
        return lambda.invoke(r -> r.functionName(name));
    }

    private static String bucket(String name) {
        slipway.s3(ACCOUNT).createBucket(r -> r.bucket(name));
        return name;
    }

    @Test
    void anEsModuleImportsTheSdkWithoutBundlingIt() throws Exception {
        requireNodeSdk(slipway);
        String bucket = bucket("esm-sdk-bucket");
        JsonNode result = run("esm-sdk", "nodejs20.x", Map.of("index.mjs", """
                import { S3Client, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
                import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
                // as a function on AWS is written: no endpoint, region or credentials in the code
                const s3 = new S3Client({});
                export const handler = async () => {
                  const me = await new STSClient({}).send(new GetCallerIdentityCommand({}));
                  const list = await s3.send(new ListBucketsCommand({}));
                  await s3.send(new PutObjectCommand({ Bucket: 'esm-sdk-bucket', Key: 'from-lambda.txt', Body: 'hello' }));
                  return { account: me.Account, buckets: list.Buckets.map((b) => b.Name) };
                };
                """));
        assertThat(result.path("account").asText()).isEqualTo(ACCOUNT);
        assertThat(JSON.convertValue(result.path("buckets"), List.class)).contains(bucket);
        assertThat(slipway.s3(ACCOUNT).getObjectAsBytes(r -> r.bucket(bucket).key("from-lambda.txt")).asUtf8String())
                .isEqualTo("hello");
    }

    @Test
    void aCommonJsModuleRequiresEveryShippedClient() throws Exception {
        requireNodeSdk(slipway);
        JsonNode result = run("cjs-sdk", "nodejs22.x", Map.of("index.js", """
                const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');
                const services = ['codedeploy', 'codepipeline', 'cloudformation', 'lambda', 's3', 'sts', 'iam', 'ssm',
                  'dynamodb', 'sqs', 'sns', 'secrets-manager', 'eventbridge', 'cloudwatch-logs'];
                exports.handler = async () => {
                  const loaded = services.filter((s) => Object.keys(require('@aws-sdk/client-' + s))
                    .some((k) => k.endsWith('Client') && k !== 'Client'));
                  const me = await new STSClient({}).send(new GetCallerIdentityCommand({}));
                  return { account: me.Account, arn: me.Arn, loaded };
                };
                """));
        assertThat(result.path("account").asText()).isEqualTo(ACCOUNT);
        assertThat(result.path("arn").asText()).startsWith("arn:aws:iam::" + ACCOUNT + ":");
        assertThat(JSON.convertValue(result.path("loaded"), List.class)).containsExactly("codedeploy", "codepipeline",
                "cloudformation", "lambda", "s3", "sts", "iam", "ssm", "dynamodb", "sqs", "sns", "secrets-manager",
                "eventbridge", "cloudwatch-logs");
    }

    @Test
    void aPythonFunctionImportsBoto3() throws Exception {
        requireBoto3(slipway);
        String bucket = bucket("boto3-bucket");
        JsonNode result = run("py-sdk", "python3.12", Map.of("index.py", """
                import boto3
                def handler(event, context):
                    me = boto3.client('sts').get_caller_identity()
                    names = [b['Name'] for b in boto3.client('s3').list_buckets()['Buckets']]
                    return {'account': me['Account'], 'buckets': names}
                """));
        assertThat(result.path("account").asText()).isEqualTo(ACCOUNT);
        assertThat(JSON.convertValue(result.path("buckets"), List.class)).contains(bucket);
    }

    @Test
    void aPythonFunctionsPackagedBoto3Wins() throws Exception {
        requireBoto3(slipway);
        JsonNode result = run("py-own-sdk", "python3.12", Map.of(
                "boto3/__init__.py", "WHOSE = \"the function's own\"\n",
                "index.py", """
                        import boto3, botocore
                        def handler(event, context):
                            return {'whose': getattr(boto3, 'WHOSE', "the runtime's"), 'botocore': botocore.__name__}
                        """));
        assertThat(result.path("whose").asText()).isEqualTo("the function's own");
        assertThat(result.path("botocore").asText()).as("what it does not package comes from the runtime").isEqualTo("botocore");
    }

    @Test
    void healthSaysWhereTheRuntimesLibrariesComeFrom() throws Exception {
        requireNodeSdk(slipway);
        requireBoto3(slipway);
        JsonNode libraries = JSON.readTree(RawHttp.get(slipway.endpoint() + "/_slipway/health").body())
                .path("lambdaRuntimeLibraries");
        assertThat(libraries.path("nodejs").asText()).matches("AWS SDK for JavaScript v3 from /.*/runtimes/node/node_modules");
        assertThat(libraries.path("python").asText()).matches("boto3 \\d+\\.\\d+.* of /.*python3.*");
    }

    /** A tiny stand-in for the client, packaged with the function: Lambda's rule is that it wins over the runtime's. */
    private static final Map<String, String> OWN_STS = Map.of(
            "node_modules/@aws-sdk/client-sts/package.json", "{\"name\":\"@aws-sdk/client-sts\",\"version\":\"0.0.1\",\"main\":\"index.js\"}",
            "node_modules/@aws-sdk/client-sts/index.js", "exports.WHOSE = 'the function\\'s own';\n");

    @Test
    void aFunctionsOwnNodeModulesWinFromEsModulesAndCommonJs() throws Exception {
        requireNodeSdk(slipway);
        Map<String, String> esm = new HashMap<>(OWN_STS);
        esm.put("index.mjs", """
                import * as sts from '@aws-sdk/client-sts';
                import { S3Client } from '@aws-sdk/client-s3';
                export const handler = async () => ({ whose: sts.WHOSE ?? 'the runtime\\'s', s3: typeof S3Client });
                """);
        JsonNode fromEsm = run("own-sdk-esm", "nodejs20.x", esm);
        assertThat(fromEsm.path("whose").asText()).isEqualTo("the function's own");
        assertThat(fromEsm.path("s3").asText()).as("what the function does not package comes from the runtime")
                .isEqualTo("function");

        Map<String, String> cjs = new HashMap<>(OWN_STS);
        cjs.put("index.js", """
                exports.handler = async () => ({ whose: require('@aws-sdk/client-sts').WHOSE ?? "the runtime's" });
                """);
        assertThat(run("own-sdk-cjs", "nodejs20.x", cjs).path("whose").asText()).isEqualTo("the function's own");
    }

    @Test
    void nodejs24RefusesCallbackHandlersAsLambdaDoes() throws Exception {
        LambdaFixtures.requireNode();
        String source = "exports.handler = (event, context, callback) => callback(null, 'called back');\n";
        InvokeResponse refused = invoke("callback-24", "nodejs24.x", Map.of("index.js", source));
        assertThat(refused.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(refused.payload().asUtf8String());
        assertThat(error.path("errorType").asText()).isEqualTo("Runtime.CallbackHandlerDeprecated");
        assertThat(error.path("errorMessage").asText()).startsWith(
                "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24.");

        assertThat(run("callback-22", "nodejs22.x", Map.of("index.js", source)).asText()).isEqualTo("called back");
        assertThat(run("async-24", "nodejs24.x", Map.of("index.js", "exports.handler = async (event, context) => 'returned';\n"))
                .asText()).isEqualTo("returned");
    }
}
