package io.slipway.it;

import io.slipway.engine.clock.ManualClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationNameRequiredException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationRevisionSortBy;
import software.amazon.awssdk.services.codedeploy.model.BatchGetApplicationRevisionsResponse;
import software.amazon.awssdk.services.codedeploy.model.BatchLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.BucketNameFilterRequiredException;
import software.amazon.awssdk.services.codedeploy.model.BundleType;
import software.amazon.awssdk.services.codedeploy.model.CodeDeployException;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentOption;
import software.amazon.awssdk.services.codedeploy.model.DeploymentType;
import software.amazon.awssdk.services.codedeploy.model.DescriptionTooLongException;
import software.amazon.awssdk.services.codedeploy.model.ECSService;
import software.amazon.awssdk.services.codedeploy.model.GenericRevisionInfo;
import software.amazon.awssdk.services.codedeploy.model.GetApplicationRevisionResponse;
import software.amazon.awssdk.services.codedeploy.model.InstanceAction;
import software.amazon.awssdk.services.codedeploy.model.InvalidApplicationNameException;
import software.amazon.awssdk.services.codedeploy.model.InvalidBucketNameFilterException;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeployedStateFilterException;
import software.amazon.awssdk.services.codedeploy.model.InvalidKeyPrefixFilterException;
import software.amazon.awssdk.services.codedeploy.model.InvalidNextTokenException;
import software.amazon.awssdk.services.codedeploy.model.InvalidRevisionException;
import software.amazon.awssdk.services.codedeploy.model.InvalidSortByException;
import software.amazon.awssdk.services.codedeploy.model.InvalidSortOrderException;
import software.amazon.awssdk.services.codedeploy.model.ListApplicationRevisionsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListApplicationRevisionsResponse;
import software.amazon.awssdk.services.codedeploy.model.ListStateFilterAction;
import software.amazon.awssdk.services.codedeploy.model.RevisionDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codedeploy.model.RevisionRequiredException;
import software.amazon.awssdk.services.codedeploy.model.SortOrder;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupPairInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationRevisionsIT {
    static final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c, clock);
    private final CodeDeployClient cd = slipway.codeDeploy();

    private static RevisionLocation s3(String bucket, String key) {
        return RevisionLocation.builder().revisionType(RevisionLocationType.S3)
                .s3Location(l -> l.bucket(bucket).key(key).bundleType(BundleType.ZIP)).build();
    }

    private static RevisionLocation gitHub(String repository, String commit) {
        return RevisionLocation.builder().revisionType(RevisionLocationType.GIT_HUB)
                .gitHubLocation(g -> g.repository(repository).commitId(commit)).build();
    }

    private static RevisionLocation string(String content) {
        return RevisionLocation.builder().revisionType(RevisionLocationType.STRING).string(s -> s.content(content)).build();
    }

    private static RevisionLocation appSpec(String content) {
        return RevisionLocation.builder().revisionType(RevisionLocationType.APP_SPEC_CONTENT)
                .appSpecContent(a -> a.content(content)).build();
    }

    private static void fails(Class<? extends CodeDeployException> type, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(type)
                .satisfies(e -> assertThat(((CodeDeployException) e).statusCode()).isEqualTo(400));
    }

    private void register(String app, RevisionLocation revision) {
        cd.registerApplicationRevision(r -> r.applicationName(app).revision(revision));
        clock.advance(Duration.ofMinutes(1));
    }

    private GenericRevisionInfo info(String app, RevisionLocation revision) {
        return cd.getApplicationRevision(r -> r.applicationName(app).revision(revision)).revisionInfo();
    }

    private List<RevisionLocation> list(String app, Consumer<ListApplicationRevisionsRequest.Builder> options) {
        return cd.listApplicationRevisions(r -> options.accept(r.applicationName(app))).revisions();
    }

    @Test
    void registerGetAndBatchGetEveryKindOfRevision() {
        cd.createApplication(r -> r.applicationName("store"));
        RevisionLocation bundle = RevisionLocation.builder().revisionType(RevisionLocationType.S3).s3Location(l -> l
                .bucket("bundles").key("store/v1.zip").bundleType(BundleType.ZIP).version("v-1").eTag("abc")).build();
        Instant registered = clock.now();
        cd.registerApplicationRevision(r -> r.applicationName("store").revision(bundle).description("first cut"));
        clock.advance(Duration.ofMinutes(1));

        GetApplicationRevisionResponse got = cd.getApplicationRevision(r -> r.applicationName("store").revision(bundle));
        assertThat(got.applicationName()).isEqualTo("store");
        assertThat(got.revision()).isEqualTo(bundle);
        assertThat(got.revisionInfo().description()).isEqualTo("first cut");
        assertThat(got.revisionInfo().registerTime()).isEqualTo(registered);
        assertThat(got.revisionInfo().firstUsedTime()).isNull();
        assertThat(got.revisionInfo().lastUsedTime()).isNull();
        assertThat(got.revisionInfo().deploymentGroups()).isEmpty();

        // registering again keeps the registration and takes the new description
        cd.registerApplicationRevision(r -> r.applicationName("store").revision(bundle).description("second thoughts"));
        assertThat(info("store", bundle).description()).isEqualTo("second thoughts");
        assertThat(info("store", bundle).registerTime()).isEqualTo(registered);
        // another version of the same key is another revision
        fails(RevisionDoesNotExistException.class, () -> info("store", bundle.toBuilder()
                .s3Location(bundle.s3Location().toBuilder().version("v-2").build()).build()));

        RevisionLocation commit = gitHub("octo/store", "0123456789abcdef0123456789abcdef01234567");
        register("store", commit);
        register("store", string("version: 0.0"));
        register("store", appSpec("version: 0.0\nos: linux"));
        RevisionLocation withHash = cd.getApplicationRevision(r -> r.applicationName("store")
                .revision(string("version: 0.0"))).revision();
        assertThat(withHash.string().sha256()).isEqualTo(sha256("version: 0.0"));
        assertThat(info("store", appSpec("version: 0.0\nos: linux")).registerTime()).isEqualTo(clock.now().minusSeconds(60));

        BatchGetApplicationRevisionsResponse batch = cd.batchGetApplicationRevisions(r -> r.applicationName("store")
                .revisions(commit, s3("bundles", "missing.zip"), bundle));
        assertThat(batch.applicationName()).isEqualTo("store");
        assertThat(batch.revisions()).extracting(v -> v.revisionLocation().revisionType())
                .containsExactly(RevisionLocationType.GIT_HUB, RevisionLocationType.S3);
        assertThat(batch.revisions().get(1).genericRevisionInfo().description()).isEqualTo("second thoughts");
        assertThat(batch.errorMessage()).contains("s3://bundles/missing.zip");

        // revisions belong to the application, not its name: a rename keeps them, a delete drops them
        cd.updateApplication(r -> r.applicationName("store").newApplicationName("shop-store"));
        assertThat(list("shop-store", r -> { })).hasSize(4);
        cd.deleteApplication(r -> r.applicationName("shop-store"));
        cd.createApplication(r -> r.applicationName("shop-store"));
        assertThat(list("shop-store", r -> { })).isEmpty();
    }

    // ---- deployments register and mark the revisions they use ----

    private static String ecsSpec(int revision) {
        return "{\"version\": 0.0, \"Resources\": [{\"TargetService\": {\"Type\": \"AWS::ECS::Service\", \"Properties\": {"
                + "\"TaskDefinition\": \"arn:aws:ecs:us-east-1:000000000000:task-definition/web:" + revision + "\","
                + "\"LoadBalancerInfo\": {\"ContainerName\": \"web\", \"ContainerPort\": 8080}}}}]}";
    }

    private void ecsGroup(String app, String name) {
        cd.createDeploymentGroup(r -> r.applicationName(app).deploymentGroupName(name)
                .serviceRoleArn("arn:aws:iam::000000000000:role/cd").deploymentConfigName("CodeDeployDefault.ECSAllAtOnce")
                .deploymentStyle(s -> s.deploymentType(DeploymentType.BLUE_GREEN).deploymentOption(DeploymentOption.WITH_TRAFFIC_CONTROL))
                .blueGreenDeploymentConfiguration(b -> b.terminateBlueInstancesOnDeploymentSuccess(
                        t -> t.action(InstanceAction.TERMINATE).terminationWaitTimeInMinutes(0)))
                .ecsServices(ECSService.builder().clusterName("prod").serviceName(app + "-" + name).build())
                .loadBalancerInfo(l -> l.targetGroupPairInfoList(TargetGroupPairInfo.builder()
                        .targetGroups(TargetGroupInfo.builder().name("tg-blue").build(), TargetGroupInfo.builder().name("tg-green").build())
                        .prodTrafficRoute(p -> p.listenerArns("arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/web/1/2"))
                        .build())));
    }

    private void deploy(String app, String group, RevisionLocation revision) {
        cd.createDeployment(r -> r.applicationName(app).deploymentGroupName(group).revision(revision));
        slipway.awaitIdle();
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void listsSortedAndFiltered() {
        cd.createApplication(r -> r.applicationName("catalog").computePlatform(ComputePlatform.ECS));
        ecsGroup("catalog", "green");
        ecsGroup("catalog", "blue");
        RevisionLocation one = s3("bucket-a", "keys/one.zip");
        RevisionLocation two = s3("bucket-a", "other/two.zip");
        RevisionLocation three = s3("bucket-b", "keys/three.zip");
        RevisionLocation a = appSpec(ecsSpec(1));
        RevisionLocation b = appSpec(ecsSpec(2));
        register("catalog", one);
        register("catalog", two);
        register("catalog", three);
        register("catalog", a);
        Instant aFirstUsed = clock.now();
        deploy("catalog", "green", a);
        Instant bUsed = clock.now();
        deploy("catalog", "blue", b); // b is registered by its deployment
        Instant aLastUsed = clock.now();
        deploy("catalog", "blue", a);

        GenericRevisionInfo aInfo = info("catalog", a);
        assertThat(aInfo.firstUsedTime()).isEqualTo(aFirstUsed);
        assertThat(aInfo.lastUsedTime()).isEqualTo(aLastUsed);
        assertThat(aInfo.deploymentGroups()).containsExactly("green", "blue");
        GenericRevisionInfo bInfo = info("catalog", b);
        assertThat(bInfo.registerTime()).isEqualTo(bUsed);
        assertThat(bInfo.firstUsedTime()).isEqualTo(bUsed);
        assertThat(bInfo.deploymentGroups()).containsExactly("blue");

        assertThat(list("catalog", r -> { })).containsExactly(one, two, three, withHash(a), withHash(b));
        assertThat(list("catalog", r -> r.sortBy(ApplicationRevisionSortBy.REGISTER_TIME).sortOrder(SortOrder.DESCENDING)))
                .containsExactly(withHash(b), withHash(a), three, two, one);
        assertThat(list("catalog", r -> r.sortBy(ApplicationRevisionSortBy.FIRST_USED_TIME)
                .deployed(ListStateFilterAction.INCLUDE))).containsExactly(withHash(a), withHash(b));
        assertThat(list("catalog", r -> r.sortBy(ApplicationRevisionSortBy.FIRST_USED_TIME).sortOrder(SortOrder.DESCENDING)
                .deployed(ListStateFilterAction.INCLUDE))).containsExactly(withHash(b), withHash(a));
        assertThat(list("catalog", r -> r.sortBy(ApplicationRevisionSortBy.LAST_USED_TIME)
                .deployed(ListStateFilterAction.INCLUDE))).containsExactly(withHash(b), withHash(a));
        // never-deployed revisions have no use times and sort as the earliest
        assertThat(list("catalog", r -> r.sortBy(ApplicationRevisionSortBy.LAST_USED_TIME).sortOrder(SortOrder.DESCENDING)))
                .startsWith(withHash(a), withHash(b)).hasSize(5);
        assertThat(list("catalog", r -> r.deployed(ListStateFilterAction.EXCLUDE))).containsExactly(one, two, three);
        assertThat(list("catalog", r -> r.deployed(ListStateFilterAction.IGNORE))).hasSize(5);
        assertThat(list("catalog", r -> r.s3Bucket("bucket-a"))).containsExactly(one, two);
        assertThat(list("catalog", r -> r.s3Bucket("bucket-a").s3KeyPrefix("keys/"))).containsExactly(one);
        assertThat(list("catalog", r -> r.s3Bucket("bucket-c"))).isEmpty();
    }

    /** An AppSpecContent revision as Slipway answers with it: with the content's SHA-256. */
    private static RevisionLocation withHash(RevisionLocation appSpec) {
        String content = appSpec.appSpecContent().content();
        return appSpec.toBuilder().appSpecContent(a -> a.content(content).sha256(sha256(content))).build();
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void listsInPagesStableUnderNewRegistrations() {
        cd.createApplication(r -> r.applicationName("many"));
        IntStream.range(0, 105).forEach(i -> register("many", s3("bundles", String.format("many/%03d.zip", i))));
        ListApplicationRevisionsResponse first = cd.listApplicationRevisions(r -> r.applicationName("many"));
        assertThat(first.revisions()).hasSize(100);
        assertThat(first.revisions().getFirst().s3Location().key()).isEqualTo("many/000.zip");
        assertThat(first.revisions().getLast().s3Location().key()).isEqualTo("many/099.zip");
        assertThat(first.nextToken()).isNotBlank();
        register("many", s3("bundles", "many/late.zip"));
        ListApplicationRevisionsResponse second = cd.listApplicationRevisions(r -> r.applicationName("many")
                .nextToken(first.nextToken()));
        assertThat(second.revisions()).extracting(v -> v.s3Location().key())
                .containsExactly("many/100.zip", "many/101.zip", "many/102.zip", "many/103.zip", "many/104.zip", "many/late.zip");
        assertThat(second.nextToken()).isNull();

        ListApplicationRevisionsResponse newest = cd.listApplicationRevisions(r -> r.applicationName("many")
                .sortOrder(SortOrder.DESCENDING));
        assertThat(newest.revisions().getFirst().s3Location().key()).isEqualTo("many/late.zip");
        assertThat(cd.listApplicationRevisions(r -> r.applicationName("many").sortOrder(SortOrder.DESCENDING)
                .nextToken(newest.nextToken())).revisions()).extracting(v -> v.s3Location().key())
                .containsExactly("many/005.zip", "many/004.zip", "many/003.zip", "many/002.zip", "many/001.zip", "many/000.zip");
        // a token belongs to the order it was made for
        fails(InvalidNextTokenException.class, () -> cd.listApplicationRevisions(r -> r.applicationName("many")
                .sortOrder(SortOrder.DESCENDING).nextToken(first.nextToken())));
        fails(InvalidNextTokenException.class, () -> cd.listApplicationRevisions(r -> r.applicationName("many")
                .nextToken("not-a-token")));
    }

    @Test
    void errors() {
        cd.createApplication(r -> r.applicationName("strict"));
        RevisionLocation ok = s3("bundles", "strict.zip");
        register("strict", ok);

        fails(ApplicationNameRequiredException.class, () -> cd.registerApplicationRevision(r -> r.revision(ok)));
        fails(InvalidApplicationNameException.class, () -> cd.registerApplicationRevision(r -> r.applicationName("")
                .revision(ok)));
        fails(ApplicationDoesNotExistException.class, () -> cd.registerApplicationRevision(r -> r.applicationName("ghost")
                .revision(ok)));
        fails(ApplicationDoesNotExistException.class, () -> cd.getApplicationRevision(r -> r.applicationName("ghost")
                .revision(ok)));
        fails(ApplicationDoesNotExistException.class, () -> cd.batchGetApplicationRevisions(r -> r.applicationName("ghost")
                .revisions(ok)));
        fails(ApplicationDoesNotExistException.class, () -> cd.listApplicationRevisions(r -> r.applicationName("ghost")));
        fails(ApplicationNameRequiredException.class, () -> cd.getApplicationRevision(r -> r.revision(ok)));
        fails(ApplicationNameRequiredException.class, () -> cd.batchGetApplicationRevisions(r -> r.revisions(ok)));
        fails(ApplicationNameRequiredException.class, () -> cd.listApplicationRevisions(r -> { }));

        fails(DescriptionTooLongException.class, () -> cd.registerApplicationRevision(r -> r.applicationName("strict")
                .revision(ok).description("d".repeat(257))));
        cd.registerApplicationRevision(r -> r.applicationName("strict").revision(ok).description("d".repeat(256)));

        fails(RevisionRequiredException.class, () -> cd.registerApplicationRevision(r -> r.applicationName("strict")));
        fails(RevisionRequiredException.class, () -> cd.getApplicationRevision(r -> r.applicationName("strict")));
        fails(RevisionRequiredException.class, () -> cd.batchGetApplicationRevisions(r -> r.applicationName("strict")));
        fails(RevisionRequiredException.class, () -> cd.batchGetApplicationRevisions(r -> r.applicationName("strict")
                .revisions(List.of())));
        List<RevisionLocation> invalid = List.of(
                RevisionLocation.builder().s3Location(l -> l.bucket("b").key("k").bundleType(BundleType.ZIP)).build(),
                RevisionLocation.builder().revisionType("Zip").build(),
                RevisionLocation.builder().revisionType(RevisionLocationType.S3).build(),
                RevisionLocation.builder().revisionType(RevisionLocationType.S3).s3Location(l -> l.key("k")
                        .bundleType(BundleType.ZIP)).build(),
                RevisionLocation.builder().revisionType(RevisionLocationType.S3).s3Location(l -> l.bucket("b")
                        .bundleType(BundleType.ZIP)).build(),
                RevisionLocation.builder().revisionType(RevisionLocationType.S3).s3Location(l -> l.bucket("b").key("k")).build(),
                RevisionLocation.builder().revisionType(RevisionLocationType.S3).s3Location(l -> l.bucket("b").key("k")
                        .bundleType("rar")).build(),
                RevisionLocation.builder().revisionType(RevisionLocationType.GIT_HUB).gitHubLocation(g -> g
                        .repository("octo/repo")).build(),
                gitHub("no-slash", "0123456789abcdef0123456789abcdef01234567"),
                RevisionLocation.builder().revisionType(RevisionLocationType.STRING).build(),
                RevisionLocation.builder().revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a
                        .sha256("x")).build());
        for (RevisionLocation bad : invalid) {
            fails(InvalidRevisionException.class, () -> cd.registerApplicationRevision(r -> r.applicationName("strict")
                    .revision(bad)));
        }
        fails(InvalidRevisionException.class, () -> cd.getApplicationRevision(r -> r.applicationName("strict")
                .revision(invalid.get(2))));
        fails(InvalidRevisionException.class, () -> cd.batchGetApplicationRevisions(r -> r.applicationName("strict")
                .revisions(ok, invalid.get(5))));
        fails(RevisionDoesNotExistException.class, () -> cd.getApplicationRevision(r -> r.applicationName("strict")
                .revision(s3("bundles", "never.zip"))));
        List<RevisionLocation> tooMany = IntStream.range(0, 26).mapToObj(i -> s3("bundles", i + ".zip")).toList();
        fails(BatchLimitExceededException.class, () -> cd.batchGetApplicationRevisions(r -> r.applicationName("strict")
                .revisions(tooMany)));
        assertThat(cd.batchGetApplicationRevisions(r -> r.applicationName("strict").revisions(tooMany.subList(0, 25)))
                .revisions()).isEmpty();

        fails(InvalidSortByException.class, () -> list("strict", r -> r.sortBy("name")));
        fails(InvalidSortOrderException.class, () -> list("strict", r -> r.sortOrder("up")));
        fails(InvalidDeployedStateFilterException.class, () -> list("strict", r -> r.deployed("maybe")));
        fails(BucketNameFilterRequiredException.class, () -> list("strict", r -> r.s3KeyPrefix("keys/")));
        fails(InvalidBucketNameFilterException.class, () -> list("strict", r -> r.s3Bucket("b")));
        fails(InvalidBucketNameFilterException.class, () -> list("strict", r -> r.s3Bucket("no spaces allowed")));
        fails(InvalidKeyPrefixFilterException.class, () -> list("strict", r -> r.s3Bucket("bundles").s3KeyPrefix("")));
        fails(InvalidKeyPrefixFilterException.class, () -> list("strict", r -> r.s3Bucket("bundles")
                .s3KeyPrefix("k".repeat(1025))));
        fails(InvalidNextTokenException.class, () -> list("strict", r -> r.nextToken("bad")));
    }
}
