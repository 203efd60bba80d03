package io.slipway.it;

import io.slipway.agent.AgentSettings;
import io.slipway.agent.CredentialsRefusedException;
import io.slipway.agent.HostAgent;
import io.slipway.agent.client.CommandServiceClient;
import io.slipway.agent.client.CommandServiceException;
import io.slipway.agent.client.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.BundleType;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codedeploy.model.Tag;
import software.amazon.awssdk.services.codedeploy.model.TagFilter;
import software.amazon.awssdk.services.codedeploy.model.TagFilterType;
import software.amazon.awssdk.services.codedeploy.model.TargetStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CodeDeploy agent in verification mode, as AWS runs it on premises: the operator makes an IAM
 * user and its access key, registers the instance with the user's ARN, and the agent signs with the
 * user's keys. A wrong secret, an inactive or deleted key, and another host's keys are refused, and
 * the agent says so and slows down rather than spinning.
 */
class AgentSignaturesIT {
    private static final String ACCOUNT = "000000000000";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withVerifySignatures(true)
            .withAccountKey("AKIDEXAMPLE", "secret", ACCOUNT));
    @TempDir
    static Path work;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static IamClient iam;
    private static CodeDeployClient cd;

    @BeforeAll
    static void fleet() {
        iam = slipway.iam("AKIDEXAMPLE");
        cd = slipway.codeDeploy();
        slipway.s3().createBucket(r -> r.bucket("bundles"));
        slipway.s3().putObject(r -> r.bucket("bundles").key("site.zip"), RequestBody.fromBytes(Zips.of(Map.of(
                "appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: /site\n    destination: /var/www/site\n",
                "site/index.html", "<h1>signed</h1>\n"))));
        cd.createApplication(r -> r.applicationName("site").computePlatform(ComputePlatform.SERVER));
    }

    @AfterAll
    static void close() {
        HTTP.shutdownNow();
    }

    /** An IAM user with an access key, and an on-premises instance of the same name registered with the user's ARN. */
    private static AccessKey host(String name) {
        String arn = iam.createUser(r -> r.userName(name)).user().arn();
        cd.registerOnPremisesInstance(r -> r.instanceName(name).iamUserArn(arn));
        cd.addTagsToOnPremisesInstances(r -> r.instanceNames(name).tags(Tag.builder().key("Host").value(name).build()));
        return iam.createAccessKey(r -> r.userName(name)).accessKey();
    }

    private static String userArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
    }

    private static AgentSettings agent(String name, Credentials credentials) {
        return AgentSettings.of(URI.create(slipway.endpoint()), userArn(name), work.resolve(name))
                .withCredentials(credentials).withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    private static CommandServiceClient commands(Credentials credentials) {
        return new CommandServiceClient(HTTP, URI.create(slipway.endpoint()), credentials, "us-east-1", Clock.systemUTC());
    }

    /** A call that passes the signature check and the host check reaches the service, which refuses a made-up execution id. */
    private static void acceptedFor(CommandServiceClient client, String hostIdentifier) {
        assertThatThrownBy(() -> client.getDeploymentSpecification("CodeDeploy/us-east-1/" + ACCOUNT + "/d-NOTHERE1",
                hostIdentifier)).isInstanceOfSatisfying(CommandServiceException.class, e -> {
            assertThat(e.type()).isEqualTo("ClientException");
            assertThat(e.credentialsRefused()).isFalse();
        });
    }

    private static void refused(CommandServiceClient client, String hostIdentifier, String type) {
        assertThatThrownBy(() -> client.pollHostCommand(hostIdentifier))
                .isInstanceOfSatisfying(CommandServiceException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.credentialsRefused()).isTrue();
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void anIamUsersKeysRunTheAgentThroughAServerDeployment() {
        AccessKey key = host("web-1");
        cd.createDeploymentGroup(r -> r.applicationName("site").deploymentGroupName("web-1")
                .serviceRoleArn("arn:aws:iam::" + ACCOUNT + ":role/cd").onPremisesInstanceTagFilters(TagFilter.builder()
                        .key("Host").value("web-1").type(TagFilterType.KEY_AND_VALUE).build()));
        try (HostAgent agent = new HostAgent(agent("web-1", new Credentials(key.accessKeyId(), key.secretAccessKey()))).start()) {
            String id = cd.createDeployment(r -> r.applicationName("site").deploymentGroupName("web-1")
                    .revision(v -> v.revisionType(RevisionLocationType.S3).s3Location(s -> s.bucket("bundles")
                            .key("site.zip").bundleType(BundleType.ZIP)))).deploymentId();
            cd.waiter().waitUntilDeploymentSuccessful(r -> r.deploymentId(id));

            assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
            assertThat(cd.getDeploymentTarget(r -> r.deploymentId(id).targetId("web-1")).deploymentTarget().instanceTarget()
                    .status()).isEqualTo(TargetStatus.SUCCEEDED);
            assertThat(work.resolve("web-1/var/www/site/index.html")).content().contains("<h1>signed</h1>");
            assertThat(agent.commandsCompleted()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aWrongSecretIsRefusedAndThePollingAgentSaysWhyAndSlowsDown() throws Exception {
        AccessKey key = host("web-2");
        Credentials wrong = new Credentials(key.accessKeyId(), key.secretAccessKey() + "x");
        refused(commands(wrong), userArn("web-2"), "InvalidSignatureException");

        try (HostAgent once = new HostAgent(agent("web-2", wrong))) {
            assertThatThrownBy(once::pollOnce).isInstanceOf(CredentialsRefusedException.class)
                    .hasMessageContaining(key.accessKeyId()).hasMessageContaining("InvalidSignatureException")
                    .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
        }

        List<LogRecord> refusals = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.SEVERE && record.getMessage().contains("refused the agent's credentials")) {
                    refusals.add(record);
                    three.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(HostAgent.class.getName());
        log.addHandler(handler);
        try (HostAgent polling = new HostAgent(agent("web-2", wrong)).start()) {
            assertThat(three.await(20, TimeUnit.SECONDS)).as("the agent keeps polling, and says so each time").isTrue();
        } finally {
            log.removeHandler(handler);
        }
        // the first refusal waits the longest delay (400 ms here), not the first (50 ms): it does not spin
        Instant first = refusals.get(0).getInstant();
        Instant second = refusals.get(1).getInstant();
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(refusals.get(0).getMessage()).contains("PollHostCommand", key.accessKeyId(), "trying again in 400 ms");
    }

    @Test
    void inactiveAndDeletedKeysAreRefused() {
        AccessKey key = host("web-3");
        Credentials credentials = new Credentials(key.accessKeyId(), key.secretAccessKey());
        CommandServiceClient client = commands(credentials);
        acceptedFor(client, userArn("web-3"));

        iam.updateAccessKey(r -> r.userName("web-3").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        refused(client, userArn("web-3"), "UnrecognizedClientException");
        iam.updateAccessKey(r -> r.userName("web-3").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
        acceptedFor(client, userArn("web-3"));

        iam.deleteAccessKey(r -> r.userName("web-3").accessKeyId(key.accessKeyId()));
        refused(client, userArn("web-3"), "UnrecognizedClientException");
        try (HostAgent once = new HostAgent(agent("web-3", credentials))) {
            assertThatThrownBy(once::pollOnce).isInstanceOf(CredentialsRefusedException.class)
                    .hasMessageContaining("UnrecognizedClientException");
        }
    }

    @Test
    void aHostsKeysActForItsOwnInstanceOnly() {
        host("web-4");
        AccessKey other = host("web-5");
        CommandServiceClient web5 = commands(new Credentials(other.accessKeyId(), other.secretAccessKey()));
        acceptedFor(web5, userArn("web-5"));
        acceptedFor(web5, "web-5"); // the instance's name is a host identifier too

        refused(web5, userArn("web-4"), "AccessDeniedException");
        assertThatThrownBy(() -> web5.getDeploymentSpecification("CodeDeploy/us-east-1/" + ACCOUNT + "/d-NOTHERE1", "web-4"))
                .isInstanceOfSatisfying(CommandServiceException.class, e -> assertThat(e.getMessage())
                        .contains("User: " + userArn("web-5") + " is not authorized to perform: "
                                + "codedeploy-commands-secure:GetDeploymentSpecification on resource: "
                                + "arn:aws:codedeploy:us-east-1:" + ACCOUNT + ":instance/web-4"));
        // the account's own (operator) key acts for every host of the account
        acceptedFor(commands(new Credentials("AKIDEXAMPLE", "secret")), userArn("web-4"));
    }

    @Test
    void theSecureCommandServiceTakesSignaturesScopedToItsSigningName() {
        AccessKey key = host("web-7");
        AccessKey other = host("web-8");
        String secure = "codedeploy-commands-secure";
        HostProtocol web7 = new HostProtocol(slipway.endpoint()).secure().signedWith(key.accessKeyId(), key.secretAccessKey(), secure);
        HostProtocol web8 = new HostProtocol(slipway.endpoint()).secure().signedWith(other.accessKeyId(), other.secretAccessKey(), secure);
        HostProtocol forged = new HostProtocol(slipway.endpoint()).secure().signedWith(key.accessKeyId(), "not-the-secret", secure);
        String poll7 = "{\"HostIdentifier\":\"" + userArn("web-7") + "\"}";
        var wrongSecret = forged.call("PollHostCommand", poll7);
        assertThat(HostProtocol.field(wrongSecret.body(), "__type")).as(wrongSecret.body()).isEqualTo("InvalidSignatureException");
        // each service checks its own scope, as on AWS, where the two have their own endpoints
        var classicScopeToSecure = new HostProtocol(slipway.endpoint()).secure()
                .signedWith(key.accessKeyId(), key.secretAccessKey(), "codedeploy-commands").call("PollHostCommand", poll7);
        var secureScopeToClassic = new HostProtocol(slipway.endpoint())
                .signedWith(key.accessKeyId(), key.secretAccessKey(), secure).call("PollHostCommand", poll7);
        for (var wrongScope : List.of(classicScopeToSecure, secureScopeToClassic)) {
            assertThat(wrongScope.statusCode()).isEqualTo(400);
            assertThat(HostProtocol.field(wrongScope.body(), "__type")).as(wrongScope.body()).isEqualTo("InvalidSignatureException");
            assertThat(HostProtocol.field(wrongScope.body(), "message")).contains("Credential should be scoped to correct service");
        }
        var anotherHost = web8.call("PollHostCommand", poll7);
        assertThat(HostProtocol.field(anotherHost.body(), "__type")).as(anotherHost.body()).isEqualTo("AccessDeniedException");
        assertThat(HostProtocol.field(anotherHost.body(), "message")).contains("codedeploy-commands-secure:PollHostCommand");

        cd.createDeploymentGroup(r -> r.applicationName("site").deploymentGroupName("web-7")
                .serviceRoleArn("arn:aws:iam::" + ACCOUNT + ":role/cd").onPremisesInstanceTagFilters(TagFilter.builder()
                        .key("Host").value("web-7").type(TagFilterType.KEY_AND_VALUE).build()));
        String id = cd.createDeployment(r -> r.applicationName("site").deploymentGroupName("web-7")
                .revision(v -> v.revisionType(RevisionLocationType.S3).s3Location(s -> s.bucket("bundles")
                        .key("site.zip").bundleType(BundleType.ZIP)))).deploymentId();
        slipway.awaitIdle();
        while (cd.getDeploymentTarget(r -> r.deploymentId(id).targetId("web-7")).deploymentTarget().instanceTarget()
                .status() == TargetStatus.IN_PROGRESS) {
            var command = web7.poll(userArn("web-7")).orElseThrow();
            web7.specification(command, userArn("web-7"));
            assertThat(web7.acknowledge(command)).isEqualTo("InProgress");
            web7.succeed(command);
            slipway.awaitIdle();
        }
        assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void anInstanceRegisteredWithASessionArnTakesThatSessionsCredentials() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
        String role = iam.createRole(r -> r.roleName("on-premises").assumeRolePolicyDocument(trust)).role().arn();
        var assumed = slipway.sts("AKIDEXAMPLE").assumeRole(r -> r.roleArn(role).roleSessionName("web-6"));
        String sessionArn = assumed.assumedRoleUser().arn();
        cd.registerOnPremisesInstance(r -> r.instanceName("web-6").iamSessionArn(sessionArn));
        var c = assumed.credentials();

        acceptedFor(commands(new Credentials(c.accessKeyId(), c.secretAccessKey(), Optional.of(c.sessionToken()))), sessionArn);
        refused(commands(new Credentials(c.accessKeyId(), c.secretAccessKey())), sessionArn, "UnrecognizedClientException");
    }
}
