package io.slipway.ssm.parameter;

import io.slipway.core.Namespace;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names, paths, labels and value patterns, as Parameter Store's rules say. */
class ParameterRulesTest {
    private static final Namespace NS = new Namespace("123456789012", "eu-west-1");

    @Test
    void oneLevelNamesMeetWithOrWithoutTheirSlashAndPathsKeepIt() {
        assertThat(ParameterNames.key("/a")).isEqualTo("a");
        assertThat(ParameterNames.key("a")).isEqualTo("a");
        assertThat(ParameterNames.key("/a/b")).isEqualTo("/a/b");
        assertThat(ParameterNames.parent("a")).isEqualTo("/");
        assertThat(ParameterNames.parent("/a/b/c")).isEqualTo("/a/b");
        assertThat(ParameterNames.ancestors("/a/b/c")).containsExactly("/a", "/a/b");
        assertThat(ParameterNames.arn(NS, "/a/b")).isEqualTo("arn:aws:ssm:eu-west-1:123456789012:parameter/a/b");
        assertThat(ParameterNames.fromReference(NS, "arn:aws:ssm:eu-west-1:123456789012:parameter/a/b"))
                .contains("/a/b");
        assertThat(ParameterNames.fromReference(NS, "arn:aws:ssm:eu-west-1:123456789012:parameter/a")).contains("a");
        assertThat(ParameterNames.fromReference(NS, "arn:aws:ssm:eu-west-1:999999999999:parameter/a/b")).isEmpty();
        assertThat(ParameterNames.fromReference(NS, "arn:aws:ssm:us-east-1:123456789012:parameter/a/b")).isEmpty();
    }

    @Test
    void namesFollowTheHierarchyRules() {
        assertThat(ParameterNames.checkedForPut(" /a/b ")).isEqualTo("/a/b");
        assertThat(ParameterNames.checkedForPut("/a" + "/b".repeat(14))).hasSize(30);
        assertThat(code(() -> ParameterNames.checkedForPut("/a" + "/b".repeat(15)))).isEqualTo("HierarchyLevelLimitExceededException");
        assertThat(code(() -> ParameterNames.checkedForPut("/Aws/x"))).isEqualTo("AccessDeniedException");
        for (String bad : new String[]{"SSMx", "/ssm/x", "a b", "a/b", "/a/", "/a//b", "x".repeat(1012)}) {
            assertThat(code(() -> ParameterNames.checkedForPut(bad))).as(bad).isEqualTo("ValidationException");
        }
        assertThat(ParameterNames.checkedPath("/a/b/")).isEqualTo("/a/b");
        assertThat(ParameterNames.checkedPath("/")).isEqualTo("/");
        assertThat(code(() -> ParameterNames.checkedPath("a/b"))).isEqualTo("ValidationException");
    }

    @Test
    void labelsFollowTheirRules() {
        assertThat(ParameterLabels.valid("prod-1.a_b")).isTrue();
        assertThat(ParameterLabels.valid("1st")).isFalse();
        assertThat(ParameterLabels.valid("AWSx")).isFalse();
        assertThat(ParameterLabels.valid("ssm")).isFalse();
        assertThat(ParameterLabels.valid("a/b")).isFalse();
    }

    @Test
    void aPatternThatBacktracksForEverDoesNotMatchInsteadOfHanging() {
        assertThat(ParameterValues.matches(Pattern.compile("(a|aa)+b"), "a".repeat(5_000))).isFalse();
        assertThat(ParameterValues.matches(Pattern.compile("^\\d+$"), "123")).isTrue();
        assertThatThrownBy(() -> ParameterValues.checkPattern("abc", "^\\d+$")).isInstanceOf(AwsException.class)
                .hasMessage("Parameter value, cannot be validated against allowedPattern: ^\\d+$");
        assertThat(code(() -> ParameterValues.allowedPattern("(open"))).isEqualTo("InvalidAllowedPatternException");
    }

    @Test
    void ciphertextChangesWithTheValueAndRevealsNoneOfIt() {
        String one = ParameterValues.ciphertext("123456789012", "/s", 1, "hunter2");
        assertThat(one).doesNotContain("hunter2").isEqualTo(ParameterValues.ciphertext("123456789012", "/s", 1, "hunter2"));
        assertThat(ParameterValues.ciphertext("123456789012", "/s", 1, "hunter3")).isNotEqualTo(one);
        assertThat(Optional.of(java.util.Base64.getDecoder().decode(one))).isPresent();
    }

    private static String code(Runnable r) {
        try {
            r.run();
        } catch (AwsException e) {
            return e.error().type();
        }
        throw new AssertionError("no error");
    }
}
