package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.HierarchyLevelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.HierarchyTypeMismatchException;
import software.amazon.awssdk.services.ssm.model.InvalidAllowedPatternException;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterMaxVersionLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterPatternMismatchException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionLabelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.InvalidResourceIdException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterKeyException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parameter Store through the AWS SDK: writes and versions, reads, listings with paging, labels, tags, bad input. */
class SsmParametersIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();

    private static SsmClient ssm(String account) {
        return slipway.ssm(account);
    }

    private static PutParameterResponse put(SsmClient ssm, String name, String value) {
        return ssm.putParameter(r -> r.name(name).value(value).type(ParameterType.STRING));
    }

    @Test
    void overwritesMakeVersionsAndEveryVersionStaysReadable() {
        SsmClient ssm = ssm("200000000001");
        PutParameterResponse first = put(ssm, "/app/db/url", "jdbc:one");
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.tier()).isEqualTo(ParameterTier.STANDARD);
        assertThatThrownBy(() -> put(ssm, "/app/db/url", "jdbc:two")).isInstanceOf(ParameterAlreadyExistsException.class)
                .hasMessageContaining("The parameter already exists");
        assertThat(ssm.putParameter(r -> r.name("/app/db/url").value("jdbc:two").overwrite(true)).version()).isEqualTo(2);
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/app/db/url").value("x").type(ParameterType.STRING_LIST)
                .overwrite(true))).isInstanceOf(HierarchyTypeMismatchException.class);

        Parameter latest = ssm.getParameter(r -> r.name("/app/db/url")).parameter();
        assertThat(latest.value()).isEqualTo("jdbc:two");
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.arn()).isEqualTo("arn:aws:ssm:us-east-1:200000000001:parameter/app/db/url");
        assertThat(latest.dataType()).isEqualTo("text");
        assertThat(latest.lastModifiedDate()).isNotNull();
        assertThat(latest.selector()).isNull();
        Parameter v1 = ssm.getParameter(r -> r.name("/app/db/url:1")).parameter();
        assertThat(v1.value()).isEqualTo("jdbc:one");
        assertThat(v1.name()).isEqualTo("/app/db/url");
        assertThat(v1.selector()).isEqualTo(":1");
        assertThat(ssm.getParameter(r -> r.name(latest.arn())).parameter().value()).isEqualTo("jdbc:two");
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/app/db/url:7")))
                .isInstanceOf(ParameterVersionNotFoundException.class);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/app/db/none"))).isInstanceOf(ParameterNotFoundException.class);

        // a one-level name is the same parameter with or without its leading slash
        put(ssm, "plain", "p");
        assertThat(ssm.getParameter(r -> r.name("/plain")).parameter().value()).isEqualTo("p");
        assertThat(ssm.getParameter(r -> r.name("plain")).parameter().arn())
                .isEqualTo("arn:aws:ssm:us-east-1:200000000001:parameter/plain");

        GetParametersResponse many = ssm.getParameters(r -> r.names("/app/db/url", "/app/db/url:1", "/app/db/url:9", "nope"));
        assertThat(many.parameters()).extracting(Parameter::value).containsExactly("jdbc:two", "jdbc:one");
        assertThat(many.invalidParameters()).containsExactly("/app/db/url:9", "nope");
    }

    @Test
    void secureStringsAreCiphertextUnlessDecrypted() {
        SsmClient ssm = ssm("200000000002");
        ssm.putParameter(r -> r.name("/secret/token").value("hunter2").type(ParameterType.SECURE_STRING));
        String hidden = ssm.getParameter(r -> r.name("/secret/token")).parameter().value();
        assertThat(hidden).isNotEqualTo("hunter2").doesNotContain("hunter2");
        assertThat(Base64.getDecoder().decode(hidden)).hasSizeGreaterThan("hunter2".length());
        assertThat(ssm.getParameter(r -> r.name("/secret/token").withDecryption(true)).parameter().value())
                .isEqualTo("hunter2");
        ParameterMetadata meta = ssm.describeParameters(r -> r.parameterFilters(f -> f.key("Name").values("/secret/token")))
                .parameters().get(0);
        assertThat(meta.keyId()).isEqualTo("alias/aws/ssm");
        assertThat(meta.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(ssm.getParameterHistory(r -> r.name("/secret/token")).parameters().get(0).value()).isEqualTo(hidden);
        assertThat(ssm.getParametersByPath(r -> r.path("/secret").withDecryption(true)).parameters().get(0).value())
                .isEqualTo("hunter2");
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/plain/keyed").value("v").type(ParameterType.STRING)
                .keyId("alias/mine"))).isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void byPathPagesThroughOneLevelOrEveryLevelAndFilters() {
        SsmClient ssm = ssm("200000000003");
        for (int i = 0; i < 23; i++) {
            put(ssm, "/svc/a/p" + String.format("%02d", i), "v" + i);
        }
        put(ssm, "/svc/a/deep/x", "deep");
        put(ssm, "/svc/b", "b");
        ssm.putParameter(r -> r.name("/svc/a/list").value("1,2").type(ParameterType.STRING_LIST));

        List<String> oneLevel = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            GetParametersByPathResponse page = ssm.getParametersByPath(r -> r.path("/svc/a").maxResults(10).nextToken(t));
            assertThat(page.parameters()).hasSizeLessThanOrEqualTo(10);
            page.parameters().forEach(p -> oneLevel.add(p.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(oneLevel).hasSize(24).doesNotContain("/svc/a/deep/x", "/svc/b").doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);

        List<String> all = new ArrayList<>();
        ssm.getParametersByPathPaginator(r -> r.path("/svc/").recursive(true)).forEach(page -> page.parameters().forEach(p -> all.add(p.name())));
        assertThat(all).hasSize(26).contains("/svc/a/deep/x", "/svc/b");
        List<String> everything = new ArrayList<>();
        ssm.getParametersByPathPaginator(r -> r.path("/").recursive(true)).forEach(page -> page.parameters().forEach(p -> everything.add(p.name())));
        assertThat(everything).hasSize(26);

        assertThat(ssm.getParametersByPath(r -> r.path("/svc").recursive(true)
                .parameterFilters(f -> f.key("Type").values("StringList"))).parameters())
                .extracting(Parameter::name).containsExactly("/svc/a/list");
        assertThatThrownBy(() -> ssm.getParametersByPath(r -> r.path("/svc").parameterFilters(f -> f.key("Name").values("x"))))
                .isInstanceOf(InvalidFilterKeyException.class);
        assertThatThrownBy(() -> ssm.getParametersByPath(r -> r.path("svc"))).isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> ssm.getParametersByPath(r -> r.path("/svc").nextToken("bogus")))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidNextToken"));
    }

    @Test
    void describeFiltersByNameTypeTierAndPathAndPages() {
        SsmClient ssm = ssm("200000000004");
        for (int i = 0; i < 12; i++) {
            put(ssm, "/desc/n" + String.format("%02d", i), "v");
        }
        ssm.putParameter(r -> r.name("/desc/big").value("x".repeat(5000)).type(ParameterType.STRING)
                .tier(ParameterTier.INTELLIGENT_TIERING).description("large"));
        List<ParameterMetadata> all = new ArrayList<>();
        ssm.describeParametersPaginator(r -> r.maxResults(5)).forEach(page -> page.parameters().forEach(all::add));
        assertThat(all).hasSize(13);
        assertThat(ssm.describeParameters(r -> r.parameterFilters(f -> f.key("Tier").values("Advanced"))).parameters())
                .singleElement().satisfies(p -> {
                    assertThat(p.name()).isEqualTo("/desc/big");
                    assertThat(p.description()).isEqualTo("large");
                    assertThat(p.tier()).isEqualTo(ParameterTier.ADVANCED);
                });
        assertThat(ssm.describeParameters(r -> r.maxResults(50).parameterFilters(f -> f.key("Name").option("BeginsWith")
                .values("/desc/n0"))).parameters()).hasSize(10);
        assertThat(ssm.describeParameters(r -> r.maxResults(50).parameterFilters(f -> f.key("Path").option("OneLevel")
                .values("/desc"))).parameters()).hasSize(13);
        assertThat(ssm.describeParameters(r -> r.maxResults(50).filters(f -> f.key("Name").values("/desc/n1"))).parameters())
                .hasSize(2);
        assertThatThrownBy(() -> ssm.describeParameters(r -> r.parameterFilters(f -> f.key("Label").values("x"))))
                .isInstanceOf(InvalidFilterKeyException.class);
    }

    @Test
    void labelsMoveBetweenVersionsAndSelectThem() {
        SsmClient ssm = ssm("200000000005");
        put(ssm, "/lbl/p", "one");
        ssm.putParameter(r -> r.name("/lbl/p").value("two").overwrite(true));
        LabelParameterVersionResponse labelled = ssm.labelParameterVersion(r -> r.name("/lbl/p").parameterVersion(1L)
                .labels("prod", "9lives", "awsy", "bad label"));
        assertThat(labelled.parameterVersion()).isEqualTo(1);
        assertThat(labelled.invalidLabels()).containsExactly("9lives", "awsy", "bad label");
        assertThat(ssm.getParameter(r -> r.name("/lbl/p:prod")).parameter().value()).isEqualTo("one");
        assertThat(ssm.labelParameterVersion(r -> r.name("/lbl/p").labels("prod")).parameterVersion()).isEqualTo(2);
        assertThat(ssm.getParameter(r -> r.name("/lbl/p:prod")).parameter().value()).isEqualTo("two");
        GetParameterHistoryResponse history = ssm.getParameterHistory(r -> r.name("/lbl/p"));
        assertThat(history.parameters()).extracting(h -> h.labels()).containsExactly(List.of(), List.of("prod"));
        assertThat(ssm.getParametersByPath(r -> r.path("/lbl").parameterFilters(f -> f.key("Label").values("prod")))
                .parameters()).extracting(Parameter::value).containsExactly("two");
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/lbl/p:nolabel"))).isInstanceOf(ParameterNotFoundException.class);

        List<String> ten = IntStream.range(0, 10).mapToObj(i -> "l" + i).toList();
        ssm.labelParameterVersion(r -> r.name("/lbl/p").parameterVersion(1L).labels(ten));
        assertThatThrownBy(() -> ssm.labelParameterVersion(r -> r.name("/lbl/p").parameterVersion(1L).labels("eleventh")))
                .isInstanceOf(ParameterVersionLabelLimitExceededException.class);
        assertThatThrownBy(() -> ssm.labelParameterVersion(r -> r.name("/lbl/p").parameterVersion(5L).labels("x")))
                .isInstanceOf(ParameterVersionNotFoundException.class);
        var unlabelled = ssm.unlabelParameterVersion(r -> r.name("/lbl/p").parameterVersion(1L).labels("l0", "prod"));
        assertThat(unlabelled.removedLabels()).containsExactly("l0");
        assertThat(unlabelled.invalidLabels()).containsExactly("prod");
    }

    @Test
    void aHundredVersionsAreKeptAndALabelledOldestStopsTheNext() {
        SsmClient ssm = ssm("200000000006");
        put(ssm, "/ver/p", "v1");
        for (int i = 2; i <= 100; i++) {
            int v = i;
            ssm.putParameter(r -> r.name("/ver/p").value("v" + v).overwrite(true));
        }
        assertThat(ssm.putParameter(r -> r.name("/ver/p").value("v101").overwrite(true)).version()).isEqualTo(101);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/ver/p:1"))).isInstanceOf(ParameterVersionNotFoundException.class);
        assertThat(ssm.getParameter(r -> r.name("/ver/p:2")).parameter().value()).isEqualTo("v2");
        List<Long> versions = new ArrayList<>();
        ssm.getParameterHistoryPaginator(r -> r.name("/ver/p")).forEach(page -> page.parameters().forEach(h -> versions.add(h.version())));
        assertThat(versions).hasSize(100).startsWith(2L).endsWith(101L);

        ssm.labelParameterVersion(r -> r.name("/ver/p").parameterVersion(2L).labels("keep"));
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/ver/p").value("v102").overwrite(true)))
                .isInstanceOf(ParameterMaxVersionLimitExceededException.class)
                .hasMessageContaining("Version 2, the oldest version, can't be deleted because it has a label");
        assertThat(ssm.getParameter(r -> r.name("/ver/p")).parameter().version()).isEqualTo(101);
    }

    @Test
    void badInputGetsAwsErrorsAndNothingIsWritten() {
        SsmClient ssm = ssm("200000000007");
        assertThat(code(() -> put(ssm, "/big/std", "x".repeat(4097)))).isEqualTo("ValidationException");
        assertThat(ssm.putParameter(r -> r.name("/big/adv").value("x".repeat(8192)).type(ParameterType.STRING)
                .tier(ParameterTier.ADVANCED)).tier()).isEqualTo(ParameterTier.ADVANCED);
        assertThat(code(() -> ssm.putParameter(r -> r.name("/big/adv2").value("x".repeat(8193)).type(ParameterType.STRING)
                .tier(ParameterTier.ADVANCED)))).isEqualTo("ValidationException");
        assertThat(code(() -> ssm.putParameter(r -> r.name("/big/adv").value("small").tier(ParameterTier.STANDARD)
                .overwrite(true)))).isEqualTo("ValidationException"); // no way down from Advanced
        String deep = "/l".repeat(16);
        assertThatThrownBy(() -> put(ssm, deep, "v")).isInstanceOf(HierarchyLevelLimitExceededException.class);
        assertThat(put(ssm, "/l".repeat(15), "v").version()).isEqualTo(1);
        for (String bad : List.of("has space", "/a//b", "/a/b/", "a/b", "/a/b$", "awsname", "/SSM/x", "ssm")) {
            assertThat(code(() -> put(ssm, bad, "v"))).as(bad).isEqualTo("ValidationException");
        }
        assertThat(code(() -> put(ssm, "/aws/reserved", "v"))).isEqualTo("AccessDeniedException");
        assertThat(code(() -> put(ssm, "/n/" + "x".repeat(1010), "v"))).isEqualTo("ValidationException");
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/pat/p").value("abc").type(ParameterType.STRING)
                .allowedPattern("^\\d+$"))).isInstanceOf(ParameterPatternMismatchException.class)
                .hasMessageContaining("allowedPattern");
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/pat/q").value("1").type(ParameterType.STRING)
                .allowedPattern("(unclosed"))).isInstanceOf(InvalidAllowedPatternException.class);
        ssm.putParameter(r -> r.name("/pat/n").value("12").type(ParameterType.STRING).allowedPattern("^\\d+$"));
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/pat/n").value("x").overwrite(true)))
                .isInstanceOf(ParameterPatternMismatchException.class);
        assertThat(code(() -> ssm.putParameter(r -> r.name("/img/p").value("not-an-ami").type(ParameterType.STRING)
                .dataType("aws:ec2:image")))).isEqualTo("ValidationException");
        assertThat(ssm.putParameter(r -> r.name("/img/q").value("ami-0123456789abcdef0").type(ParameterType.STRING)
                .dataType("aws:ec2:image")).version()).isEqualTo(1);
        assertThat(code(() -> ssm.putParameter(r -> r.name("/img/r").value("v").type(ParameterType.STRING)
                .dataType("Text")))).isEqualTo("ValidationException");
        assertThat(code(() -> ssm.putParameter(r -> r.name("/notype").value("v")))).isEqualTo("ValidationException");
        assertThat(code(() -> ssm.putParameter(r -> r.name("/pol/p").value("v").type(ParameterType.STRING)
                .tier(ParameterTier.ADVANCED).policies("[{\"Type\":\"Nope\"}]")))).isEqualTo("InvalidPolicyTypeException");
        assertThat(ssm.putParameter(r -> r.name("/pol/q").value("v").type(ParameterType.STRING)
                .tier(ParameterTier.INTELLIGENT_TIERING).policies("[{\"Type\":\"Expiration\",\"Version\":\"1.0\","
                        + "\"Attributes\":{\"Timestamp\":\"2030-12-02T21:34:33.000Z\"}}]")).tier())
                .isEqualTo(ParameterTier.ADVANCED);
        assertThat(ssm.describeParameters(r -> r.parameterFilters(f -> f.key("Name").values("/pol/q"))).parameters()
                .get(0).policies()).singleElement().satisfies(p -> assertThat(p.policyType()).isEqualTo("Expiration"));
        assertThat(ssm.describeParameters(r -> r.maxResults(50)).parameters()).extracting(ParameterMetadata::name)
                .containsExactlyInAnyOrder("/big/adv", "/l".repeat(15), "/pat/n", "/img/q", "/pol/q");
    }

    @Test
    void tagsAreKeptOnCreateAndChangedThroughTheTaggingOperations() {
        SsmClient ssm = ssm("200000000008");
        ssm.putParameter(r -> r.name("/tag/p").value("v").type(ParameterType.STRING).tags(t -> t.key("team").value("a")));
        assertThat(code(() -> ssm.putParameter(r -> r.name("/tag/p").value("w").overwrite(true)
                .tags(t -> t.key("x").value("y"))))).isEqualTo("ValidationException");
        ssm.addTagsToResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/tag/p")
                .tags(t -> t.key("env").value("prod"), t -> t.key("team").value("b")));
        assertThat(ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/tag/p"))
                .tagList()).extracting(t -> t.key() + "=" + t.value()).containsExactlyInAnyOrder("team=b", "env=prod");
        assertThat(ssm.describeParameters(r -> r.parameterFilters(f -> f.key("tag:env").values("prod"))).parameters())
                .extracting(ParameterMetadata::name).containsExactly("/tag/p");
        ssm.removeTagsFromResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/tag/p").tagKeys("team"));
        assertThat(ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/tag/p"))
                .tagList()).extracting(t -> t.key()).containsExactly("env");
        assertThatThrownBy(() -> ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
                .resourceId("/tag/none"))).isInstanceOf(InvalidResourceIdException.class);
    }

    @Test
    void deletionRemovesEveryVersionAndReportsWhatItCouldNotFind() {
        SsmClient ssm = ssm("200000000009");
        put(ssm, "/del/a", "1");
        ssm.putParameter(r -> r.name("/del/a").value("2").overwrite(true));
        put(ssm, "/del/b", "1");
        ssm.deleteParameter(r -> r.name("/del/a"));
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/del/a:1"))).isInstanceOf(ParameterNotFoundException.class);
        assertThatThrownBy(() -> ssm.deleteParameter(r -> r.name("/del/a"))).isInstanceOf(ParameterNotFoundException.class);
        assertThat(put(ssm, "/del/a", "again").version()).isEqualTo(1); // a new parameter, its history gone
        var result = ssm.deleteParameters(r -> r.names("/del/a", "/del/b", "/del/c"));
        assertThat(result.deletedParameters()).containsExactly("/del/a", "/del/b");
        assertThat(result.invalidParameters()).containsExactly("/del/c");
        assertThat(ssm.getParametersByPath(r -> r.path("/del").recursive(true)).parameters()).isEmpty();
    }

    @Test
    void anotherAccountsParametersCannotBeSeenOrTouched() {
        SsmClient owner = ssm("200000000010");
        SsmClient other = ssm("200000000011");
        owner.putParameter(r -> r.name("/x/secret").value("s3cr3t").type(ParameterType.SECURE_STRING));
        String arn = "arn:aws:ssm:us-east-1:200000000010:parameter/x/secret";
        assertThatThrownBy(() -> other.getParameter(r -> r.name("/x/secret"))).isInstanceOf(ParameterNotFoundException.class);
        assertThatThrownBy(() -> other.getParameter(r -> r.name(arn).withDecryption(true)))
                .isInstanceOf(ParameterNotFoundException.class);
        assertThat(other.getParameters(r -> r.names(arn)).invalidParameters()).containsExactly(arn);
        assertThat(other.getParametersByPath(r -> r.path("/").recursive(true)).parameters()).isEmpty();
        assertThat(other.describeParameters(r -> r.maxResults(50)).parameters()).isEmpty();
        assertThatThrownBy(() -> other.deleteParameter(r -> r.name(arn))).isInstanceOf(ParameterNotFoundException.class);
        assertThatThrownBy(() -> other.labelParameterVersion(r -> r.name(arn).labels("mine")))
                .isInstanceOf(ParameterNotFoundException.class);
        assertThatThrownBy(() -> other.addTagsToResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
                .resourceId(arn).tags(t -> t.key("k").value("v")))).isInstanceOf(InvalidResourceIdException.class);
        // the same name in the other account is a parameter of its own
        assertThat(other.putParameter(r -> r.name("/x/secret").value("theirs").type(ParameterType.STRING)).version())
                .isEqualTo(1);
        assertThat(owner.getParameter(r -> r.name("/x/secret").withDecryption(true)).parameter().value()).isEqualTo("s3cr3t");
    }

    @Test
    void operationsOutsideParameterStoreAreNotImplemented() {
        SsmClient ssm = ssm("200000000012");
        assertThatThrownBy(() -> ssm.listDocuments()).isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(501));
    }

    private static String code(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(400);
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("the call succeeded");
    }
}
