package io.slipway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * STS as tools meet it: who am I, for each kind of caller; a role assumed in another account, whose
 * credentials then act in that account (as cross-account tools work), through the SDK and the CLI;
 * and AWS's errors for what is asked wrongly.
 */
class StsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    static final String TOOLS = "111122223333";
    static final String PROD = "222233334444";
    static final String DEPLOYER = "arn:aws:iam::" + PROD + ":role/ops/deployer";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void prodHasARoleTheToolsAccountMayAssume() {
        slipway.iam(PROD).createRole(r -> r.roleName("deployer").path("/ops/").maxSessionDuration(7200)
                .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + TOOLS + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
    }

    private static StsClient as(Credentials c) {
        return slipway.sts(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                c.secretAccessKey(), c.sessionToken())));
    }

    private static CodeDeployClient codeDeployAs(Credentials c) {
        return CodeDeployClient.builder().endpointOverride(URI.create(slipway.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                        c.secretAccessKey(), c.sessionToken())))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static JsonNode json(AwsCli.Result r) throws IOException {
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        return JSON.readTree(r.stdout());
    }

    @Test
    void theCliAsksWhoItIsAndIsTheAccountItsKeyNames() throws IOException {
        AwsCli.requireCli();
        JsonNode me = json(AwsCli.run(Map.of("AWS_ACCESS_KEY_ID", TOOLS, "AWS_ENDPOINT_URL", slipway.endpoint()),
                "sts", "get-caller-identity"));
        assertThat(me.get("Account").asText()).isEqualTo(TOOLS);
        assertThat(me.get("Arn").asText()).isEqualTo("arn:aws:iam::" + TOOLS + ":root");
        assertThat(me.get("UserId").asText()).isEqualTo(TOOLS);
    }

    @Test
    void anAssumedRolesCredentialsActInTheRolesAccount() {
        Credentials c = slipway.sts(TOOLS).assumeRole(r -> r.roleArn(DEPLOYER).roleSessionName("pipeline")
                .durationSeconds(3600).externalId("tools-ci").sourceIdentity("ci-bot")).credentials();
        assertThat(c.accessKeyId()).startsWith("ASIA");
        GetCallerIdentityResponse who = as(c).getCallerIdentity();
        assertThat(who.account()).isEqualTo(PROD);
        assertThat(who.arn()).isEqualTo("arn:aws:sts::" + PROD + ":assumed-role/deployer/pipeline");
        String roleId = slipway.iam(PROD).getRole(r -> r.roleName("deployer")).role().roleId();
        assertThat(who.userId()).isEqualTo(roleId + ":pipeline");
        codeDeployAs(c).createApplication(r -> r.applicationName("made-by-tools"));
        assertThat(slipway.codeDeploy(PROD, "us-east-1").listApplications().applications()).contains("made-by-tools");
        assertThat(slipway.codeDeploy(TOOLS, "us-east-1").listApplications().applications()).doesNotContain("made-by-tools");
    }

    @Test
    void theCliAssumesARoleAndItsCallsLandInTheRolesAccount() throws IOException {
        AwsCli.requireCli();
        JsonNode assumed = json(AwsCli.run(Map.of("AWS_ACCESS_KEY_ID", TOOLS, "AWS_ENDPOINT_URL", slipway.endpoint()),
                "sts", "assume-role", "--role-arn", DEPLOYER, "--role-session-name", "cli"));
        JsonNode c = assumed.get("Credentials");
        Map<String, String> session = Map.of("AWS_ACCESS_KEY_ID", c.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", c.get("SecretAccessKey").asText(), "AWS_SESSION_TOKEN", c.get("SessionToken").asText(),
                "AWS_ENDPOINT_URL", slipway.endpoint());
        assertThat(json(AwsCli.run(session, "sts", "get-caller-identity")).get("Arn").asText())
                .isEqualTo("arn:aws:sts::" + PROD + ":assumed-role/deployer/cli");
        json(AwsCli.run(session, "deploy", "create-application", "--application-name", "made-by-cli"));
        assertThat(slipway.codeDeploy(PROD, "us-east-1").listApplications().applications()).contains("made-by-cli");
    }

    @Test
    void anIamUsersKeyIsThatUserInItsAccount() {
        slipway.iam(TOOLS).createUser(r -> r.userName("alice").path("/dev/"));
        var key = slipway.iam(TOOLS).createAccessKey(r -> r.userName("alice")).accessKey();
        GetCallerIdentityResponse who = slipway.sts(StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .getCallerIdentity();
        assertThat(who.account()).isEqualTo(TOOLS);
        assertThat(who.arn()).isEqualTo("arn:aws:iam::" + TOOLS + ":user/dev/alice");
        assertThat(who.userId()).isEqualTo(slipway.iam(TOOLS).getUser(r -> r.userName("alice")).user().userId()).startsWith("AIDA");
        assertThat(slipway.sts(TOOLS).getAccessKeyInfo(r -> r.accessKeyId(key.accessKeyId())).account()).isEqualTo(TOOLS);
        // a session the user gets keeps the user's identity
        Credentials token = slipway.sts(StaticCredentialsProvider.create(software.amazon.awssdk.auth.credentials
                .AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).getSessionToken().credentials();
        assertThat(as(token).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + TOOLS + ":user/dev/alice");
    }

    @Test
    void whatIsAskedWronglyGetsAwsErrors() {
        StsClient sts = slipway.sts(TOOLS);
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + PROD + ":role/nobody").roleSessionName("x1")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + TOOLS
                            + ":root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::" + PROD + ":role/nobody");
                });
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(DEPLOYER).roleSessionName("x1").durationSeconds(7201)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
                });
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(DEPLOYER).roleSessionName("has space")))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        Credentials chained = as(sts.assumeRole(r -> r.roleArn(DEPLOYER).roleSessionName("first")).credentials())
                .assumeRole(r -> r.roleArn(DEPLOYER).roleSessionName("second").durationSeconds(3600)).credentials();
        assertThatThrownBy(() -> as(chained).assumeRole(r -> r.roleArn(DEPLOYER).roleSessionName("third").durationSeconds(3601)))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."));
        assertThatThrownBy(() -> as(chained).getSessionToken())
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> sts.decodeAuthorizationMessage(r -> r.encodedMessage("not-a-message")))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidAuthorizationMessageException"));
    }

    @Test
    void aWebIdentityAssumesARoleWithoutSigning() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String token = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes()) + "." + b64.encodeToString(
                "{\"sub\":\"repo:org/app:ref:refs/heads/main\",\"iss\":\"https://token.actions.githubusercontent.com\",\"aud\":\"sts.amazonaws.com\"}"
                        .getBytes()) + ".c2lnbmF0dXJl";
        var r = slipway.sts(AnonymousCredentialsProvider.create()).assumeRoleWithWebIdentity(b -> b.roleArn(DEPLOYER)
                .roleSessionName("gha").webIdentityToken(token));
        assertThat(r.subjectFromWebIdentityToken()).isEqualTo("repo:org/app:ref:refs/heads/main");
        assertThat(r.audience()).isEqualTo("sts.amazonaws.com");
        assertThat(as(r.credentials()).getCallerIdentity().account()).isEqualTo(PROD);
        assertThatThrownBy(() -> slipway.sts(AnonymousCredentialsProvider.create()).assumeRoleWithWebIdentity(b -> b
                .roleArn(DEPLOYER).roleSessionName("gha").webIdentityToken("an-access-token-not-a-jwt")))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidIdentityToken"));
    }
}
