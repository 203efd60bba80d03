package io.slipway.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionTargetsTest {

    private static final String ARN = "arn:aws:lambda:eu-west-1:111122223333:function:my-hook";

    private static Optional<FunctionTarget> http(String url) {
        return Optional.of(new HttpTarget(URI.create(url)));
    }

    @Test
    void aNameEntryServesQualifiersAndArnsOfThatName() {
        FunctionTargets targets = FunctionTargets.parse(List.of("my-hook=http://127.0.0.1:9000/hook"));

        for (String ref : List.of("my-hook", "my-hook:live", "my-hook:3", "my-hook:$LATEST", ARN, ARN + ":live",
                "arn:aws:lambda:us-east-1:444455556666:function:my-hook")) {
            assertThat(targets.resolve(ref)).as(ref).isEqualTo(http("http://127.0.0.1:9000/hook"));
        }
        assertThat(targets.resolve("other-hook")).isEmpty();
        assertThat(targets.resolve("arn:aws:lambda:eu-west-1:111122223333:function:other-hook")).isEmpty();
    }

    @Test
    void aQualifiedEntryServesOnlyThatQualifierAndWinsOverTheUnqualifiedOne() {
        FunctionTargets targets = FunctionTargets.parse(List.of(
                "my-hook:live=http://h/live", "my-hook=http://h/any", "only:3=http://h/three"));

        assertThat(targets.resolve("my-hook:live")).isEqualTo(http("http://h/live"));
        assertThat(targets.resolve(ARN + ":live")).isEqualTo(http("http://h/live"));
        assertThat(targets.resolve("my-hook:4")).isEqualTo(http("http://h/any"));
        assertThat(targets.resolve("my-hook")).isEqualTo(http("http://h/any"));
        assertThat(targets.resolve("only:3")).isEqualTo(http("http://h/three"));
        assertThat(targets.resolve("only")).isEmpty();
        assertThat(targets.resolve("only:4")).isEmpty();
    }

    @Test
    void anArnEntryWinsOverANameEntry() {
        FunctionTargets targets = FunctionTargets.parse(List.of(
                "my-hook=http://h/by-name", ARN + "=http://h/by-arn", ARN + ":live=http://h/by-arn-live",
                "my-hook:live=http://h/by-name-live"));

        assertThat(targets.resolve(ARN)).isEqualTo(http("http://h/by-arn"));
        assertThat(targets.resolve(ARN + ":7")).isEqualTo(http("http://h/by-arn"));
        assertThat(targets.resolve(ARN + ":live")).isEqualTo(http("http://h/by-arn-live"));
        // another account's function of the same name is only served by the name entries
        assertThat(targets.resolve("arn:aws:lambda:eu-west-1:444455556666:function:my-hook"))
                .isEqualTo(http("http://h/by-name"));
        assertThat(targets.resolve("arn:aws:lambda:eu-west-1:444455556666:function:my-hook:live"))
                .isEqualTo(http("http://h/by-name-live"));
    }

    @Test
    void aBareNameMeansTheCallersFunctionWhenTheNamespaceIsKnown() {
        FunctionTargets targets = FunctionTargets.parse(List.of("my-hook=http://h/by-name", ARN + "=http://h/by-arn"));

        assertThat(targets.resolve("my-hook")).isEqualTo(http("http://h/by-name"));
        assertThat(targets.resolve("my-hook", "eu-west-1", "111122223333")).isEqualTo(http("http://h/by-arn"));
        assertThat(targets.resolve("my-hook:live", "eu-west-1", "111122223333")).isEqualTo(http("http://h/by-arn"));
        assertThat(targets.resolve("my-hook", "us-east-1", "111122223333")).isEqualTo(http("http://h/by-name"));
        // an ARN names its own namespace, whoever asks
        assertThat(targets.resolve(ARN, "us-east-1", "444455556666")).isEqualTo(http("http://h/by-arn"));
    }

    @Test
    void anArnEntryAloneServesOnlyItsNamespace() {
        FunctionTargets targets = FunctionTargets.parse(List.of(ARN + "=http://h/by-arn"));

        assertThat(targets.resolve("my-hook")).isEmpty();
        assertThat(targets.resolve("my-hook", "eu-west-1", "444455556666")).isEmpty();
        assertThat(targets.resolve("arn:aws:lambda:us-east-1:111122223333:function:my-hook")).isEmpty();
        assertThat(targets.resolve("my-hook", "eu-west-1", "111122223333")).isEqualTo(http("http://h/by-arn"));
    }

    @Test
    void commandLinesSplitOnWhitespaceHonouringQuotes() {
        FunctionTargets targets = FunctionTargets.parse(List.of(
                "fn=command:  sh -c 'echo \"a  b\"; exit 3'  \"x y\" '' --name=\"C:\\hooks\\my hook\"  "));

        assertThat(targets.resolve("fn")).contains(new CommandTarget(
                List.of("sh", "-c", "echo \"a  b\"; exit 3", "x y", "", "--name=C:\\hooks\\my hook")));
    }

    @Test
    void whitespaceAroundNameAndTargetIsIgnored() {
        FunctionTargets targets = FunctionTargets.parse(List.of(" fn = https://hooks.example.test:8443/fn?x=1 "));

        assertThat(targets.resolve("fn")).isEqualTo(http("https://hooks.example.test:8443/fn?x=1"));
    }

    @Test
    void theVariableSplitsOnSemicolonsOutsideQuotes() {
        List<String> entries = FunctionTargets.splitEntries(
                "a=command:sh -c 'one; two, three';b=http://h/b ; ;c=command:node \"x;y.js\";");

        assertThat(entries).containsExactly("a=command:sh -c 'one; two, three'", "b=http://h/b",
                "c=command:node \"x;y.js\"");
        assertThat(FunctionTargets.parse(entries).resolve("a"))
                .contains(new CommandTarget(List.of("sh", "-c", "one; two, three")));
        assertThat(FunctionTargets.splitEntries("  ")).isEmpty();
        assertThatThrownBy(() -> FunctionTargets.splitEntries("a=command:sh -c 'oops;b=http://h/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated");
    }

    @Test
    void aLaterEntryForTheSameFunctionReplacesTheEarlierOne() {
        // the app lists SLIPWAY_FUNCTIONS first and --function options after, so options win
        FunctionTargets targets = FunctionTargets.parse(List.of("fn=http://h/from-variable", "fn=command:./fn"));

        assertThat(targets.resolve("fn")).contains(new CommandTarget(List.of("./fn")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "no-target",
            "=http://h/",
            "bad name=http://h/",
            "fn:a:b=http://h/",
            "arn:aws:lambda:eu-west-1:1234:function:fn=http://h/",
            "arn:aws:s3:::bucket=http://h/",
            "fn=",
            "fn=ftp://h/",
            "fn=127.0.0.1:9000",
            "fn=http://",
            "fn=http://h/a b",
            "fn=command:",
            "fn=command:   ",
            "fn=command:sh -c 'unterminated",
    })
    void badEntriesAreRejectedWithTheEntryInTheMessage(String entry) {
        assertThatThrownBy(() -> FunctionTargets.parse(List.of("ok=http://h/", entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad function entry '" + entry + "': ");
    }

    @Test
    void whatIsNotAFunctionNameResolvesToNothing() {
        FunctionTargets targets = FunctionTargets.parse(List.of("fn=http://h/"));

        assertThat(targets.resolve("fn with spaces")).isEmpty();
        assertThat(targets.resolve("")).isEmpty();
        assertThat(targets.resolve("arn:aws:sqs:eu-west-1:111122223333:fn")).isEmpty();
        assertThat(FunctionTargets.none().isEmpty()).isTrue();
        assertThat(FunctionTargets.none().resolve("fn")).isEmpty();
    }
}
