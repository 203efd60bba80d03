package io.slipway.it;

import io.slipway.app.Slipway;
import io.slipway.app.SlipwayConfig;
import io.slipway.core.identity.AccountResolver;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

import io.slipway.engine.clock.RealClock;
import io.slipway.engine.clock.SlipwayClock;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An in-process Slipway on a random port for one test class, with real AWS SDK clients pointed at
 * it. Register with {@code @RegisterExtension static SlipwayServer slipway = new SlipwayServer();}.
 * A class marked {@link VerifiesSignatures} gets a server in verification mode.
 */
public final class SlipwayServer implements BeforeAllCallback, AfterAllCallback {
    /** The secret every client here signs with. */
    public static final String SECRET = "secret";
    /**
     * The access keys the suites sign with, known to a verifying server as operator keys with
     * {@link #SECRET}: the SDK clients' default, and the 12-digit ones that name their account.
     */
    static final List<String> SIGNING_KEYS = List.of("AKIDEXAMPLE", "123456789012", "111111111111", "222222222222",
            "777700007777", "888800008888", "999900009999");
    private final UnaryOperator<SlipwayConfig> configure;
    private final SlipwayClock clock;
    private final Map<String, String> environment;
    private final boolean onDisk;
    private Slipway slipway;
    private Path dataDir;

    public SlipwayServer() {
        this(c -> c);
    }

    public SlipwayServer(UnaryOperator<SlipwayConfig> configure) {
        this(configure, new RealClock());
    }

    /** A server whose engine runs on the given clock (a ManualClock lets a test move time). */
    public SlipwayServer(UnaryOperator<SlipwayConfig> configure, SlipwayClock clock) {
        this(configure, clock, System.getenv());
    }

    /** A server started as if its process had {@code environment} (Java cannot change its own). */
    public SlipwayServer(UnaryOperator<SlipwayConfig> configure, SlipwayClock clock, Map<String, String> environment) {
        this(configure, clock, environment, false);
    }

    /** A server on the embedded store in its file mode (as {@code ./slipway server} runs), in a folder removed afterwards. */
    public static SlipwayServer withDataDirectory() {
        return new SlipwayServer(c -> c, new RealClock(), System.getenv(), true);
    }

    private SlipwayServer(UnaryOperator<SlipwayConfig> configure, SlipwayClock clock, Map<String, String> environment,
                          boolean onDisk) {
        this.configure = configure;
        this.clock = clock;
        this.environment = Map.copyOf(environment);
        this.onDisk = onDisk;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        SlipwayConfig config = SlipwayConfig.ephemeralOnFreePort();
        if (onDisk) {
            dataDir = Files.createTempDirectory("slipway-it-");
            config = config.withDataDir(dataDir);
        }
        config = configure.apply(config);
        slipway = Slipway.start(verifies(context) ? verifying(config) : config, clock, environment);
    }

    /** Whether the test class asks for verification mode. */
    static boolean verifies(ExtensionContext context) {
        return context.getRequiredTestClass().isAnnotationPresent(VerifiesSignatures.class);
    }

    /**
     * {@code config} in verification mode, with {@link #SIGNING_KEYS} as operator keys in the
     * accounts they already act in (a 12-digit key is its account, any other the default one).
     */
    static SlipwayConfig verifying(SlipwayConfig config) {
        SlipwayConfig out = config.withVerifySignatures(true);
        for (String key : SIGNING_KEYS) {
            out = out.withAccountKey(key, SECRET, config.accounts().getOrDefault(key,
                    AccountResolver.isAccountId(key) ? key : AccountResolver.DEFAULT_ACCOUNT));
        }
        return out;
    }

    /** Waits until the engine has nothing due or running: the deterministic way to let a deployment move. */
    public void awaitIdle() {
        try {
            if (!slipway.awaitIdle(Duration.ofSeconds(30))) {
                throw new AssertionError("Slipway's engine did not become idle within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        slipway.close();
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The server's data directory ({@link #withDataDirectory} servers only). */
    public Path dataDirectory() {
        if (dataDir == null) {
            throw new IllegalStateException("this server keeps no data directory");
        }
        return dataDir;
    }

    /**
     * IAM roles named {@code names} in {@code account} that the services may assume: a verifying
     * Slipway hands a function, pipeline or hook a session of its role only when the role exists.
     */
    public void createRoles(String account, String... names) {
        IamClient iam = iam(account);
        for (String name : names) {
            iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(SERVICES_TRUST));
        }
    }

    private static final String SERVICES_TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service":
              ["lambda.amazonaws.com", "codedeploy.amazonaws.com", "codepipeline.amazonaws.com", "cloudformation.amazonaws.com"]}}]}""";

    public String endpoint() {
        return slipway.endpoint();
    }

    /** The same port over HTTPS (a server started with TLS only). */
    public String httpsEndpoint() {
        return slipway.httpsEndpoint().orElseThrow(() -> new IllegalStateException("this server serves no TLS"));
    }

    /** The PEM of the certificate clients trust (a server started with TLS only). */
    public Path tlsCertificate() {
        return slipway.tlsCertificate().orElseThrow(() -> new IllegalStateException("this server serves no TLS"));
    }

    public CodeDeployClient codeDeploy() {
        return codeDeploy("AKIDEXAMPLE", "us-east-1");
    }

    public CodeDeployClient codeDeploy(String accessKeyId, String region) {
        return CodeDeployClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, SECRET)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public CodePipelineClient codePipeline() {
        return codePipeline("AKIDEXAMPLE", "us-east-1");
    }

    public CodePipelineClient codePipeline(String accessKeyId, String region) {
        return CodePipelineClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, SECRET)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public LambdaClient lambda() {
        return lambda("AKIDEXAMPLE", "us-east-1");
    }

    public LambdaClient lambda(String accessKeyId, String region) {
        return LambdaClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, SECRET)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public CloudFormationClient cloudFormation() {
        return cloudFormation("AKIDEXAMPLE", "us-east-1");
    }

    public CloudFormationClient cloudFormation(String accessKeyId, String region) {
        return CloudFormationClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, SECRET)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** An IAM client as users build one: IAM is global, its SDK client signs for aws-global (us-east-1). */
    public IamClient iam(String accessKeyId) {
        return IamClient.builder().endpointOverride(URI.create(endpoint())).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, SECRET)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** An STS client signing with a key of its own (a 12-digit one is that account). */
    public StsClient sts(String accessKeyId) {
        return sts(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, SECRET)));
    }

    /** An STS client with any credentials: session credentials, or anonymous ones for the calls nobody signs. */
    public StsClient sts(AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** An S3 client as users build one: path-style addressing, the default HTTP client and checksums. */
    public S3Client s3() {
        return s3("AKIDEXAMPLE");
    }

    /** {@link #s3()} signing with another access key id (a 12-digit one is that account). */
    public S3Client s3(String accessKeyId) {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, SECRET)))
                .httpClient(ApacheHttpClient.create()).build();
    }

    /** An SSM client in us-east-1 signing with this access key id (a 12-digit one is that account). */
    public SsmClient ssm(String accessKeyId) {
        return SsmClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, SECRET)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
