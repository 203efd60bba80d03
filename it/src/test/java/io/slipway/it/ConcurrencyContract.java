package io.slipway.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.BundleType;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.MinimumHealthyHostsType;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.LimitExceededException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quotas and write conflicts under concurrency, run against each store Slipway offers: many
 * clients at once, no SDK retries (a retry would hide a failed answer), and every answer must be
 * either success or the modelled error: never a 5xx. Each test works in an account of its own.
 */
abstract class ConcurrencyContract {
    private static final int THREADS = 16;

    /** The endpoint of the Slipway under test. */
    abstract String endpoint();

    private CodeDeployClient codeDeploy(String account) {
        return CodeDeployClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials(account)).overrideConfiguration(noRetries())
                .httpClient(ApacheHttpClient.builder().maxConnections(THREADS).build()).build();
    }

    private CodePipelineClient codePipeline(String account) {
        return CodePipelineClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials(account)).overrideConfiguration(noRetries())
                .httpClient(ApacheHttpClient.builder().maxConnections(THREADS).build()).build();
    }

    private CloudFormationClient cloudFormation(String account) {
        return CloudFormationClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials(account)).overrideConfiguration(noRetries())
                .httpClient(ApacheHttpClient.builder().maxConnections(THREADS).build()).build();
    }

    private S3Client s3(String account) {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials(account)).overrideConfiguration(noRetries())
                .httpClient(ApacheHttpClient.builder().maxConnections(THREADS).build()).build();
    }

    private static StaticCredentialsProvider credentials(String account) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "secret"));
    }

    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    /** The outcome of {@code calls} concurrent calls: successes, and failures by error code. */
    private record Outcome(int succeeded, Map<String, Integer> failures) {
    }

    /** Runs {@code call(0..calls-1)} on {@link #THREADS} threads, released together. */
    private static Outcome concurrently(int calls, IntConsumer call) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                running.add(pool.submit(() -> {
                    start.await();
                    for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                        try {
                            call.accept(i);
                            ok.incrementAndGet();
                        } catch (AwsServiceException e) {
                            String key = e.statusCode() >= 500 ? e.statusCode() + " " + e.awsErrorDetails().errorCode()
                                    + ": " + e.awsErrorDetails().errorMessage() : e.awsErrorDetails().errorCode();
                            failures.merge(key, 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get();
            }
        }
        return new Outcome(ok.get(), failures);
    }

    @Test
    void applicationQuotaHoldsUnderConcurrentCreates() throws Exception {
        CodeDeployClient cd = codeDeploy("100000000001");
        Outcome outcome = concurrently(1_030, i -> cd.createApplication(r -> r.applicationName("app-" + i)));
        assertThat(outcome).isEqualTo(new Outcome(1_000, Map.of(
                ApplicationLimitExceededException.class.getSimpleName(), 30)));
        assertThat(cd.listApplicationsPaginator(r -> { }).applications().stream().count()).isEqualTo(1_000);
    }

    @Test
    void deploymentGroupQuotaHoldsUnderConcurrentCreates() throws Exception {
        CodeDeployClient cd = codeDeploy("100000000002");
        cd.createApplication(r -> r.applicationName("crowded"));
        Outcome outcome = concurrently(1_020, i -> cd.createDeploymentGroup(r -> r.applicationName("crowded")
                .deploymentGroupName("g-" + i).serviceRoleArn("arn:aws:iam::100000000002:role/cd")));
        assertThat(outcome).isEqualTo(new Outcome(1_000, Map.of(
                DeploymentGroupLimitExceededException.class.getSimpleName(), 20)));
        assertThat(cd.listDeploymentGroupsPaginator(r -> r.applicationName("crowded")).deploymentGroups().stream().count())
                .isEqualTo(1_000);
    }

    @Test
    void deploymentConfigQuotaHoldsUnderConcurrentCreates() throws Exception {
        CodeDeployClient cd = codeDeploy("100000000003");
        Outcome outcome = concurrently(80, i -> cd.createDeploymentConfig(r -> r.deploymentConfigName("cfg-" + i)
                .minimumHealthyHosts(h -> h.type(MinimumHealthyHostsType.HOST_COUNT).value(1))));
        assertThat(outcome).isEqualTo(new Outcome(50, Map.of(
                DeploymentConfigLimitExceededException.class.getSimpleName(), 30)));
    }

    @Test
    void customActionTypeQuotaHoldsUnderConcurrentCreates() throws Exception {
        CodePipelineClient cp = codePipeline("100000000004");
        Outcome outcome = concurrently(70, i -> cp.createCustomActionType(r -> r.category(ActionCategory.BUILD)
                .provider("Build" + i).version("1")
                .inputArtifactDetails(d -> d.minimumCount(0).maximumCount(1))
                .outputArtifactDetails(d -> d.minimumCount(0).maximumCount(1))));
        assertThat(outcome).isEqualTo(new Outcome(50, Map.of(LimitExceededException.class.getSimpleName(), 20)));
    }

    @Test
    void deploymentsOfOneRevisionIntoManyGroupsAllStartAndAllAreRecorded() throws Exception {
        CodeDeployClient cd = codeDeploy("100000000005");
        cd.createApplication(r -> r.applicationName("fanout"));
        int groups = 24;
        for (int i = 0; i < groups; i++) {
            int g = i;
            cd.createDeploymentGroup(r -> r.applicationName("fanout").deploymentGroupName("g-" + g)
                    .serviceRoleArn("arn:aws:iam::100000000005:role/cd"));
        }
        RevisionLocation revision = RevisionLocation.builder().revisionType(RevisionLocationType.S3)
                .s3Location(s -> s.bucket("bundles").key("app.zip").bundleType(BundleType.ZIP)).build();
        Outcome outcome = concurrently(groups, i -> cd.createDeployment(r -> r.applicationName("fanout")
                .deploymentGroupName("g-" + i).revision(revision)));
        assertThat(outcome).isEqualTo(new Outcome(groups, Map.of()));
        assertThat(cd.getApplicationRevision(r -> r.applicationName("fanout").revision(revision))
                .revisionInfo().deploymentGroups()).hasSize(groups);
    }

    @Test
    void concurrentTagsOnOneApplicationAreAllKept() throws Exception {
        CodeDeployClient cd = codeDeploy("100000000006");
        cd.createApplication(r -> r.applicationName("tagged"));
        String arn = "arn:aws:codedeploy:us-east-1:100000000006:application:tagged";
        Outcome outcome = concurrently(40, i -> cd.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("k" + i).value("v"))));
        assertThat(outcome).isEqualTo(new Outcome(40, Map.of()));
        assertThat(cd.listTagsForResource(r -> r.resourceArn(arn)).tags()).hasSize(40);
    }

    @Test
    void ofManyCreatorsOfOneNameExactlyOneWinsAndTheRestGetTheModelledError() throws Exception {
        String account = "100000000008";
        CodeDeployClient cd = codeDeploy(account);
        assertThat(concurrently(16, i -> cd.createApplication(r -> r.applicationName("contested"))))
                .isEqualTo(new Outcome(1, Map.of("ApplicationAlreadyExistsException", 15)));
        CodePipelineClient cp = codePipeline(account);
        assertThat(concurrently(16, i -> cp.createCustomActionType(r -> r.category(ActionCategory.TEST)
                .provider("Contested").version("1").settings(st -> st.entityUrlTemplate("https://example.com/" + i))
                .inputArtifactDetails(d -> d.minimumCount(0).maximumCount(1))
                .outputArtifactDetails(d -> d.minimumCount(0).maximumCount(1)))))
                .isEqualTo(new Outcome(1, Map.of("ValidationException", 15))); // the same type with another definition
        S3Client s3 = s3(account);
        Outcome buckets = concurrently(16, i -> s3.createBucket(r -> r.bucket("contested-" + account)));
        assertThat(buckets.failures().keySet()).allMatch(code -> !code.matches("5\\d\\d.*"));
        assertThat(buckets.succeeded()).isGreaterThanOrEqualTo(1); // us-east-1 answers its owner's repeats with success
        assertThat(concurrently(16, i -> cp.createPipeline(r -> r.pipeline(PipelineFixtures.pipeline("contested",
                PipelineFixtures.stage("Source", PipelineFixtures.s3Source("Fetch", "Src")),
                PipelineFixtures.stage("Approve", PipelineFixtures.approval("Approve")))))))
                .isEqualTo(new Outcome(1, Map.of("PipelineNameInUseException", 15)));
        LambdaClient lambda = LambdaClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials(account)).overrideConfiguration(noRetries())
                .httpClient(ApacheHttpClient.builder().maxConnections(THREADS).build()).build();
        byte[] zip = Zips.of(Map.of("bootstrap", "#!/bin/sh\nexit 0\n"));
        assertThat(concurrently(16, i -> lambda.createFunction(r -> r.functionName("contested").runtime(Runtime.PROVIDED_AL2023)
                .handler("h").role("arn:aws:iam::" + account + ":role/lambda").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))))))
                .isEqualTo(new Outcome(1, Map.of("ResourceConflictException", 15)));
        CloudFormationClient cf = cloudFormation(account);
        String template = "{\"Resources\": {\"H\": {\"Type\": \"AWS::CloudFormation::WaitConditionHandle\"}}}";
        assertThat(concurrently(16, i -> cf.createStack(r -> r.stackName("contested").templateBody(template))))
                .isEqualTo(new Outcome(1, Map.of("AlreadyExistsException", 15)));
    }

    @Test
    void concurrentUpdatesOfOneResourceAllSucceed() throws Exception {
        String account = "100000000009";
        CodeDeployClient cd = codeDeploy(account);
        cd.createApplication(r -> r.applicationName("busy"));
        cd.createDeploymentGroup(r -> r.applicationName("busy").deploymentGroupName("g")
                .serviceRoleArn("arn:aws:iam::" + account + ":role/cd"));
        assertThat(concurrently(24, i -> cd.updateDeploymentGroup(r -> r.applicationName("busy")
                .currentDeploymentGroupName("g").serviceRoleArn("arn:aws:iam::" + account + ":role/cd-" + i))))
                .isEqualTo(new Outcome(24, Map.of()));
        LambdaClient lambda = LambdaClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials(account)).overrideConfiguration(noRetries())
                .httpClient(ApacheHttpClient.builder().maxConnections(THREADS).build()).build();
        lambda.createFunction(r -> r.functionName("busy").runtime(Runtime.PROVIDED_AL2023).handler("h")
                .role("arn:aws:iam::" + account + ":role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("bootstrap", "#!/bin/sh\nexit 0\n"))))));
        assertThat(concurrently(24, i -> lambda.updateFunctionConfiguration(r -> r.functionName("busy")
                .description("update " + i)))).isEqualTo(new Outcome(24, Map.of()));
        // nothing changes between them: as on AWS, they all publish (or find) the one version
        assertThat(concurrently(16, i -> lambda.publishVersion(r -> r.functionName("busy")))).isEqualTo(new Outcome(16, Map.of()));
        assertThat(lambda.listVersionsByFunction(r -> r.functionName("busy")).versions()).hasSize(2); // $LATEST and 1
        CodePipelineClient cp = codePipeline(account);
        cp.createPipeline(r -> r.pipeline(PipelineFixtures.pipeline("busy",
                PipelineFixtures.stage("Source", PipelineFixtures.s3Source("Fetch", "Src")),
                PipelineFixtures.stage("Approve", PipelineFixtures.approval("Approve")))));
        assertThat(concurrently(16, i -> cp.startPipelineExecution(r -> r.name("busy")))).isEqualTo(new Outcome(16, Map.of()));
    }

    @Test
    void concurrentWritesOfOneObjectKeyAllSucceed() throws Exception {
        S3Client s3 = s3("100000000007");
        s3.createBucket(r -> r.bucket("contended-100000000007"));
        Outcome outcome = concurrently(64, i -> s3.putObject(r -> r.bucket("contended-100000000007").key("same"),
                RequestBody.fromString("body " + i)));
        assertThat(outcome).isEqualTo(new Outcome(64, Map.of()));
        assertThat(s3.getObjectAsBytes(r -> r.bucket("contended-100000000007").key("same")).asUtf8String())
                .startsWith("body ");
    }

    @Test
    void concurrentOverwritesOfOneParameterMakeConsecutiveVersionsNoneLost() throws Exception {
        SsmClient ssm = SsmClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials("100000000009")).overrideConfiguration(noRetries())
                .httpClient(ApacheHttpClient.builder().maxConnections(THREADS).build()).build();
        ssm.putParameter(r -> r.name("/contended/p").value("v0").type(ParameterType.STRING));
        Outcome outcome = concurrently(48, i -> ssm.putParameter(r -> r.name("/contended/p").value("v" + (i + 1))
                .overwrite(true)));
        assertThat(outcome).isEqualTo(new Outcome(48, Map.of()));
        List<Long> versions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        ssm.getParameterHistoryPaginator(r -> r.name("/contended/p")).forEach(page -> page.parameters().forEach(h -> {
            versions.add(h.version());
            values.add(h.value());
        }));
        assertThat(versions).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 49).boxed().toList());
        assertThat(values).doesNotHaveDuplicates().hasSize(49);
        assertThat(ssm.getParameter(r -> r.name("/contended/p")).parameter().version()).isEqualTo(49);
    }
}
