package io.slipway.sts;

import io.slipway.core.identity.IssuedKeys;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.iam.IamDirectory;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.sts.AssumeRoleRequest;
import io.slipway.model.sts.AssumeRoleResponse;
import io.slipway.model.sts.AssumeRoleWithWebIdentityRequest;
import io.slipway.model.sts.GetCallerIdentityRequest;
import io.slipway.model.sts.GetCallerIdentityResponse;
import io.slipway.model.sts.GetSessionTokenRequest;
import io.slipway.model.sts.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * STS's rules on the domain: callers of each kind, roles assumed (across accounts, with their
 * session limits), sessions that outlive a restart. IAM is reached through its published interface;
 * here a directory of one role and one user's key stands in for it (the integration tests use IAM itself).
 */
class StsApiTest {
    private static final String DEPLOYER = "arn:aws:iam::222233334444:role/ops/deployer";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final Database db = Database.open(DatabaseConfig.h2InMemory());
    private final ResourceStore resources = new ResourceStore(db.jdbc(), clock);
    private final IamDirectory iam = new IamDirectory() {
        @Override
        public Optional<Role> role(String account, String roleName) {
            return account.equals("222233334444") && roleName.equals("deployer")
                    ? Optional.of(new Role(account, roleName, "AROAEXAMPLEDEPLOYER00", DEPLOYER, 7200, "{}"))
                    : Optional.empty();
        }

        @Override
        public Optional<IssuedKeys.IssuedKey> accessKey(String accessKeyId) {
            return accessKeyId.equals("AKIAEXAMPLEUSER00001") ? Optional.of(new IssuedKeys.IssuedKey(accessKeyId,
                    "111122223333", "arn:aws:iam::111122223333:user/dev/alice", "AIDAEXAMPLEALICE00001", "s",
                    Optional.empty(), Optional.empty())) : Optional.empty();
        }
    };
    private final StsService sts = StsService.create(db.jdbc(), resources, clock, IdGenerator.uuid(), iam, key -> "999999999999");
    private final StsApi api = api();

    private StsApi api() {
        Sessions sessions = new Sessions(new DocumentStore(db.jdbc(), resources), clock, new SecretMaker(IdGenerator.uuid()));
        return new StsApi(sessions, iam, key -> "999999999999");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static RequestContext as(String account, String key) {
        return new RequestContext("r", account, "us-east-1", "sts", key, Instant.EPOCH);
    }

    @Test
    void theThreeKindsOfCallerAreNamedAsAwsNamesThem() {
        GetCallerIdentityResponse root = api.getCallerIdentity(new GetCallerIdentityRequest(), as("111122223333", "111122223333"));
        assertThat(root).isEqualTo(new GetCallerIdentityResponse("111122223333", "111122223333", "arn:aws:iam::111122223333:root"));
        GetCallerIdentityResponse user = api.getCallerIdentity(new GetCallerIdentityRequest(), as("111122223333", "AKIAEXAMPLEUSER00001"));
        assertThat(user).isEqualTo(new GetCallerIdentityResponse("AIDAEXAMPLEALICE00001", "111122223333",
                "arn:aws:iam::111122223333:user/dev/alice"));
        AssumeRoleResponse assumed = assume(as("111122223333", "AKIAEXAMPLEUSER00001"), 900);
        GetCallerIdentityResponse session = api.getCallerIdentity(new GetCallerIdentityRequest(),
                as("222233334444", assumed.credentials().accessKeyId()));
        assertThat(session).isEqualTo(new GetCallerIdentityResponse("AROAEXAMPLEDEPLOYER00:ci", "222233334444",
                "arn:aws:sts::222233334444:assumed-role/deployer/ci"));
    }

    private AssumeRoleResponse assume(RequestContext ctx, Integer seconds) {
        return api.assumeRole(AssumeRoleRequest.builder().roleArn(DEPLOYER).roleSessionName("ci").durationSeconds(seconds)
                .build(), ctx);
    }

    @Test
    void anAssumedRolesCredentialsActInTheRolesAccountAndSurviveARestart() {
        AssumeRoleResponse r = assume(as("111122223333", "111122223333"), null);
        assertThat(r.credentials().accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(r.credentials().secretAccessKey()).hasSize(40);
        assertThat(r.credentials().sessionToken()).hasSizeGreaterThan(300);
        assertThat(r.credentials().expiration()).isEqualTo(clock.now().plus(Duration.ofHours(1)));
        assertThat(r.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::222233334444:assumed-role/deployer/ci");
        assertThat(r.packedPolicySize()).isNull();
        // a fresh service over the same store (a restart) knows the key: its cache is gone, the store is not
        StsService restarted = StsService.create(db.jdbc(), resources, clock, IdGenerator.uuid(), iam, key -> "999999999999");
        IssuedKeys.IssuedKey key = restarted.sessionKeys().find(r.credentials().accessKeyId()).orElseThrow();
        assertThat(key.account()).isEqualTo("222233334444");
        assertThat(key.secretAccessKey()).isEqualTo(r.credentials().secretAccessKey());
        assertThat(key.sessionToken()).hasValue(r.credentials().sessionToken());
        assertThat(sts.sessionKeys().find("ASIAUNKNOWN000000000")).isEmpty();
    }

    @Test
    void anUnknownRoleIsAccessDeniedInAwsWords() {
        assertThatThrownBy(() -> api.assumeRole(AssumeRoleRequest.builder().roleArn("arn:aws:iam::222233334444:role/nobody")
                .roleSessionName("ci").build(), as("111122223333", "AKIAEXAMPLEUSER00001")))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.error().code()).isEqualTo("AccessDenied");
                    assertThat(e.error().httpStatus()).isEqualTo(403);
                    assertThat(e).hasMessage("User: arn:aws:iam::111122223333:user/dev/alice is not authorized to perform: "
                            + "sts:AssumeRole on resource: arn:aws:iam::222233334444:role/nobody");
                });
        assertThatThrownBy(() -> api.assumeRole(AssumeRoleRequest.builder().roleArn("not-an-arn-at-all-really")
                .roleSessionName("ci").build(), as("111122223333", "111122223333")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.error().code()).isEqualTo("ValidationError"));
    }

    @Test
    void sessionsLastNoLongerThanTheRoleAllowsAndChainedOnesAnHour() {
        assertThatThrownBy(() -> assume(as("111122223333", "111122223333"), 7201))
                .hasMessage("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        assertThat(assume(as("111122223333", "111122223333"), 7200).credentials().expiration())
                .isEqualTo(clock.now().plus(Duration.ofHours(2)));
        String chained = assume(as("111122223333", "111122223333"), 900).credentials().accessKeyId();
        assertThatThrownBy(() -> assume(as("222233334444", chained), 3601))
                .hasMessage("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        assertThat(assume(as("222233334444", chained), 3600).assumedRoleUser().assumedRoleId()).isEqualTo("AROAEXAMPLEDEPLOYER00:ci");
    }

    @Test
    void sessionPoliciesAndTagsArePackedAndTooMuchIsRefused() {
        AssumeRoleResponse r = api.assumeRole(AssumeRoleRequest.builder().roleArn(DEPLOYER).roleSessionName("ci")
                .tags(List.of(new Tag("team", "deploy"))).build(), as("111122223333", "111122223333"));
        assertThat(r.packedPolicySize()).isBetween(1, 100);
        assertThatThrownBy(() -> api.assumeRole(AssumeRoleRequest.builder().roleArn(DEPLOYER).roleSessionName("ci")
                .policy("{\"Version\":\"2012-10-17\",\"Statement\":[]," + "\"x\":\"" + "y".repeat(3000) + "\"}").build(),
                as("111122223333", "111122223333")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.error().code()).isEqualTo("PackedPolicyTooLarge"));
    }

    @Test
    void sessionCredentialsCannotGetSessionTokensAndTheRootIsHeldToAnHour() {
        String session = assume(as("111122223333", "111122223333"), 900).credentials().accessKeyId();
        assertThatThrownBy(() -> api.getSessionToken(new GetSessionTokenRequest(null, null, null), as("222233334444", session)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.error().code()).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> api.getSessionToken(new GetSessionTokenRequest(7200, null, null), as("111122223333", "111122223333")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.error().code()).isEqualTo("ValidationError"));
        var token = api.getSessionToken(new GetSessionTokenRequest(null, null, null), as("111122223333", "AKIAEXAMPLEUSER00001"));
        assertThat(token.credentials().expiration()).isEqualTo(clock.now().plus(Duration.ofHours(12)));
        assertThat(api.getCallerIdentity(new GetCallerIdentityRequest(), as("111122223333", token.credentials().accessKeyId())).arn())
                .isEqualTo("arn:aws:iam::111122223333:user/dev/alice");
    }

    @Test
    void aWebIdentityTokenMustBeAJwtAndItsClaimsComeBack() {
        assertThatThrownBy(() -> api.assumeRoleWithWebIdentity(AssumeRoleWithWebIdentityRequest.builder().roleArn(DEPLOYER)
                .roleSessionName("gh").webIdentityToken("not-a-jwt-token").build(), as("000000000000", "")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.error().code()).isEqualTo("InvalidIdentityToken"));
        var r = api.assumeRoleWithWebIdentity(AssumeRoleWithWebIdentityRequest.builder().roleArn(DEPLOYER).roleSessionName("gh")
                .webIdentityToken(WebIdentityToken.unsigned("repo:org/app", "https://token.actions.githubusercontent.com",
                        "sts.amazonaws.com")).build(), as("000000000000", ""));
        assertThat(r.subjectFromWebIdentityToken()).isEqualTo("repo:org/app");
        assertThat(r.provider()).isEqualTo("https://token.actions.githubusercontent.com");
        assertThat(r.audience()).isEqualTo("sts.amazonaws.com");
        assertThat(r.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::222233334444:assumed-role/deployer/gh");
    }
}
