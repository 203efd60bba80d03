package io.slipway.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.engine.clock.SlipwayClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Verification mode through the SDK for Java v2 and the AWS CLI: the operator's key, an IAM user's
 * keys and STS sessions are let in to every service; unknown keys, wrong secrets, deactivated and
 * deleted keys, missing or expired session tokens and unsigned requests are refused with each
 * protocol's AWS error; Slipway's own endpoints open only to signed requests or the operator's token.
 */
class SignatureVerificationIT {
    static final String ACCOUNT = "111122223333";
    static final String OPERATOR = "AKIAOPERATORKEY00001";
    static final String SECRET = "operator/Secret+Key=";
    static final String TOKEN = "operator-token";
    static final SkewedClock clock = new SkewedClock();

    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withVerifySignatures(true)
            .withAccountKey(OPERATOR, SECRET, ACCOUNT).withAdminToken(TOKEN), clock);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Real time shifted by what a test sets: Slipway's clock and the client's disagree by that much. */
    static final class SkewedClock implements SlipwayClock {
        private volatile Duration skew = Duration.ZERO;

        @Override
        public Instant now() {
            return Instant.now().plus(skew);
        }

        @Override
        public Duration toRealDelay(Duration slipwayDelay) {
            return slipwayDelay;
        }

        void advance(Duration by) {
            skew = skew.plus(by);
        }
    }

    @BeforeAll
    static void aRoleTheOperatorMayAssume() {
        iam(operator()).createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
    }

    static AwsCredentials operator() {
        return AwsBasicCredentials.create(OPERATOR, SECRET);
    }

    static <B extends AwsClientBuilder<B, C>, C> C client(B builder, AwsCredentials credentials, Region region) {
        return builder.endpointOverride(URI.create(slipway.endpoint())).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                // no retries: a refusal must be seen as the first answer gave it
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }

    static CodeDeployClient codeDeploy(AwsCredentials c) {
        return client(CodeDeployClient.builder().httpClient(UrlConnectionHttpClient.create()), c, Region.US_EAST_1);
    }

    static StsClient sts(AwsCredentials c) {
        return client(StsClient.builder().httpClient(UrlConnectionHttpClient.create()), c, Region.US_EAST_1);
    }

    static IamClient iam(AwsCredentials c) {
        return client(IamClient.builder().httpClient(UrlConnectionHttpClient.create()), c, Region.AWS_GLOBAL);
    }

    static LambdaClient lambda(AwsCredentials c) {
        return client(LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()), c, Region.US_EAST_1);
    }

    static S3Client s3(AwsCredentials c) {
        return client(S3Client.builder().forcePathStyle(true), c, Region.US_EAST_1);
    }

    static CloudFormationClient cloudFormation(AwsCredentials c) {
        return client(CloudFormationClient.builder().httpClient(UrlConnectionHttpClient.create()), c, Region.US_EAST_1);
    }

    /** The call's refusal: its error code and HTTP status. */
    static String refusal(Supplier<?> call) {
        try {
            call.get();
        } catch (AwsServiceException e) {
            return e.awsErrorDetails().errorCode() + " " + e.statusCode();
        }
        throw new AssertionError("the call was let in");
    }

    @Test
    void theOperatorsKeyWorksForEveryService() {
        AwsCredentials op = operator();
        assertThat(sts(op).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        codeDeploy(op).createApplication(r -> r.applicationName("signed"));
        assertThat(codeDeploy(op).listApplications().applications()).contains("signed");
        assertThat(client(CodePipelineClient.builder().httpClient(UrlConnectionHttpClient.create()), op, Region.US_EAST_1)
                .listPipelines().pipelines()).isEmpty();
        assertThat(cloudFormation(op).listStacks().stackSummaries()).isEmpty();
        assertThat(iam(op).listRoles().roles()).extracting(r -> r.roleName()).contains("deployer");
        assertThat(lambda(op).listFunctions().functions()).isEmpty();
        assertThat(client(SsmClient.builder().httpClient(UrlConnectionHttpClient.create()), op, Region.US_EAST_1)
                .describeParameters().parameters()).isEmpty();
        s3(op).createBucket(r -> r.bucket("signed-bucket"));
        s3(op).putObject(r -> r.bucket("signed-bucket").key("a.txt"), RequestBody.fromString("signed body"));
        assertThat(s3(op).getObjectAsBytes(r -> r.bucket("signed-bucket").key("a.txt")).asUtf8String()).isEqualTo("signed body");
    }

    @Test
    void anUnknownKeyIsRefusedInEachProtocolsWords() {
        AwsCredentials stranger = AwsBasicCredentials.create("AKIANOBODYKNOWSTHIS1", SECRET);
        assertThat(refusal(() -> codeDeploy(stranger).listApplications())).isEqualTo("UnrecognizedClientException 400");
        assertThat(refusal(() -> lambda(stranger).listFunctions())).isEqualTo("UnrecognizedClientException 403");
        assertThat(refusal(() -> sts(stranger).getCallerIdentity())).isEqualTo("InvalidClientTokenId 403");
        assertThat(refusal(() -> cloudFormation(stranger).listStacks())).isEqualTo("InvalidClientTokenId 403");
        assertThat(refusal(() -> s3(stranger).listBuckets())).isEqualTo("InvalidAccessKeyId 403");
        // a key that is an account id no longer names its account: it has no secret
        assertThat(refusal(() -> codeDeploy(AwsBasicCredentials.create(ACCOUNT, "x")).listApplications()))
                .isEqualTo("UnrecognizedClientException 400");
    }

    @Test
    void aWrongSecretIsASignatureMismatch() {
        AwsCredentials wrong = AwsBasicCredentials.create(OPERATOR, "not-the-secret");
        assertThat(refusal(() -> codeDeploy(wrong).listApplications())).isEqualTo("InvalidSignatureException 400");
        assertThat(refusal(() -> lambda(wrong).listFunctions())).isEqualTo("InvalidSignatureException 403");
        assertThat(refusal(() -> sts(wrong).getCallerIdentity())).isEqualTo("SignatureDoesNotMatch 403");
        assertThat(refusal(() -> s3(wrong).listBuckets())).isEqualTo("SignatureDoesNotMatch 403");
    }

    @Test
    void anIamUsersKeyWorksUntilItIsDeactivatedOrDeleted() {
        IamClient admin = iam(operator());
        admin.createUser(r -> r.userName("ci"));
        AccessKey key = admin.createAccessKey(r -> r.userName("ci")).accessKey();
        AwsCredentials ci = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        assertThat(sts(ci).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/ci");
        assertThat(codeDeploy(ci).listApplications().applications()).isNotNull();

        admin.updateAccessKey(r -> r.userName("ci").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(refusal(() -> codeDeploy(ci).listApplications())).isEqualTo("UnrecognizedClientException 400");
        admin.updateAccessKey(r -> r.userName("ci").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
        assertThat(sts(ci).getCallerIdentity().userId()).startsWith("AIDA");

        admin.deleteAccessKey(r -> r.userName("ci").accessKeyId(key.accessKeyId()));
        assertThat(refusal(() -> sts(ci).getCallerIdentity())).isEqualTo("InvalidClientTokenId 403");
        assertThat(refusal(() -> s3(ci).listBuckets())).isEqualTo("InvalidAccessKeyId 403");
    }

    @Test
    void sessionCredentialsNeedTheirTokenAndExpire() {
        Credentials session = sts(operator()).assumeRole(r -> r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/deployer")
                .roleSessionName("release").durationSeconds(900)).credentials();
        AwsCredentials withToken = AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                session.sessionToken());
        assertThat(sts(withToken).getCallerIdentity().arn()).endsWith(":assumed-role/deployer/release");
        assertThat(codeDeploy(withToken).listApplications().applications()).isNotNull();

        AwsCredentials withoutToken = AwsBasicCredentials.create(session.accessKeyId(), session.secretAccessKey());
        assertThat(refusal(() -> codeDeploy(withoutToken).listApplications())).isEqualTo("UnrecognizedClientException 400");
        AwsCredentials otherToken = AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), "forged");
        assertThat(refusal(() -> sts(otherToken).getCallerIdentity())).isEqualTo("InvalidClientTokenId 403");
        assertThat(refusal(() -> s3(otherToken).listBuckets())).isEqualTo("InvalidToken 400");

        clock.advance(Duration.ofMinutes(16)); // past the session's 15 minutes, within no signature's window
        try {
            assertThat(refusal(() -> codeDeploy(withToken).listApplications())).isEqualTo("ExpiredTokenException 400");
            assertThat(refusal(() -> sts(withToken).getCallerIdentity())).isEqualTo("ExpiredToken 403");
            assertThat(refusal(() -> lambda(withToken).listFunctions())).isEqualTo("ExpiredTokenException 403");
            assertThat(refusal(() -> s3(withToken).listBuckets())).isEqualTo("ExpiredToken 400");
        } finally {
            clock.advance(Duration.ofMinutes(-16));
        }
    }

    @Test
    void aClockOutsideTheWindowIsRefused() {
        clock.advance(Duration.ofMinutes(6)); // Slipway runs 6 minutes ahead of the client
        try {
            assertThat(refusal(() -> codeDeploy(operator()).listApplications())).isEqualTo("InvalidSignatureException 400");
            // STS and S3 allow 15 minutes
            assertThat(sts(operator()).getCallerIdentity().account()).isEqualTo(ACCOUNT);
            assertThat(s3(operator()).listBuckets().buckets()).isNotNull();
            clock.advance(Duration.ofMinutes(10));
            assertThat(refusal(() -> sts(operator()).getCallerIdentity())).isEqualTo("SignatureDoesNotMatch 403");
            assertThat(refusal(() -> s3(operator()).listBuckets())).isEqualTo("RequestTimeTooSkewed 403");
        } finally {
            clock.advance(Duration.ofMinutes(-16));
        }
        clock.advance(Duration.ofMinutes(-6)); // the client is 6 minutes ahead: not yet current
        try {
            AwsServiceException e = (AwsServiceException) org.assertj.core.api.Assertions.catchThrowable(
                    () -> codeDeploy(operator()).listApplications());
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(e.awsErrorDetails().errorMessage()).startsWith("Signature not yet current: ").endsWith("+ 5 min.)");
        } finally {
            clock.advance(Duration.ofMinutes(6));
        }
    }

    @Test
    void unsignedRequestsAreRefusedExceptWhereAwsTakesThem() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(slipway.endpoint() + "/"))
                .header("X-Amz-Target", "CodeDeploy_20141006.ListApplications")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unsigned.body()).get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
        HttpResponse<String> bearer = http.send(HttpRequest.newBuilder(URI.create(slipway.endpoint() + "/"))
                .header("X-Amz-Target", "CodeDeploy_20141006.ListApplications").header("Authorization", "Bearer xyz")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(bearer.body()).get("__type").asText()).isEqualTo("IncompleteSignatureException");
        // AssumeRoleWithWebIdentity is not signed in AWS either: the token is the credential
        assertThat(refusal(() -> client(StsClient.builder().httpClient(UrlConnectionHttpClient.create()),
                AnonymousCredentialsProvider.create().resolveCredentials(), Region.US_EAST_1)
                .assumeRoleWithWebIdentity(r -> r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/deployer")
                        .roleSessionName("web").webIdentityToken("not-a-jwt")))).isEqualTo("InvalidIdentityToken 400");
    }

    @Test
    void slipwaysOwnEndpointsOpenToSignedRequestsOrTheOperatorsToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> anonymousHealth = http.send(HttpRequest.newBuilder(
                URI.create(slipway.endpoint() + "/_slipway/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymousHealth.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(anonymousHealth.body()).properties()).extracting(Map.Entry::getKey)
                .containsExactly("status", "signatureVerification");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(slipway.endpoint() + "/_slipway/health"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(health.body()).get("signatureVerification").asBoolean()).isTrue();
        assertThat(JSON.readTree(health.body()).get("services")).isNotEmpty();

        HttpResponse<String> hooks = http.send(HttpRequest.newBuilder(
                URI.create(slipway.endpoint() + "/_slipway/codedeploy/hook-executions")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hooks.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongToken = http.send(HttpRequest.newBuilder(
                URI.create(slipway.endpoint() + "/_slipway/codedeploy/hook-executions"))
                .header("Authorization", "Bearer not-" + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(
                URI.create(slipway.endpoint() + "/_slipway/codedeploy/hook-executions"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(200);
    }

    @Test
    void theAwsCliSignsWithTheKeysItIsGiven() {
        AwsCli.requireCli();
        AwsCli.Result ok = AwsCli.run(Map.of("AWS_ACCESS_KEY_ID", OPERATOR, "AWS_SECRET_ACCESS_KEY", SECRET),
                "--endpoint-url", slipway.endpoint(), "sts", "get-caller-identity");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.stdout()).contains(ACCOUNT);
        AwsCli.Result wrong = AwsCli.run(Map.of("AWS_ACCESS_KEY_ID", OPERATOR, "AWS_SECRET_ACCESS_KEY", "wrong"),
                "--endpoint-url", slipway.endpoint(), "deploy", "list-applications");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.stderr()).contains("InvalidSignatureException");
        AwsCli.Result unknown = AwsCli.run(Map.of("AWS_ACCESS_KEY_ID", "AKIANOBODYKNOWSTHIS1", "AWS_SECRET_ACCESS_KEY", SECRET),
                "--endpoint-url", slipway.endpoint(), "cloudformation", "list-stacks");
        assertThat(unknown.stderr()).contains("InvalidClientTokenId");
    }
}
