package io.slipway.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture's layering, checked on the sources: each rule says why it exists. Reading the
 * import lines is enough here because the project uses no reflection to reach across layers.
 */
class LayeringTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern IMPORT = Pattern.compile("^import (static )?(io\\.slipway\\.[\\w.]+)", Pattern.MULTILINE);

    private record Source(String module, Path file, List<String> imports, String text) {
    }

    private static List<Source> sources(String module) {
        Path dir = ROOT.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    String text = Files.readString(f);
                    List<String> imports = new ArrayList<>();
                    Matcher m = IMPORT.matcher(text);
                    while (m.find()) {
                        imports.add(m.group(2));
                    }
                    return new Source(module, f, imports, text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> violations(String module, String... allowedPrefixes) {
        List<String> out = new ArrayList<>();
        for (Source s : sources(module)) {
            for (String i : s.imports()) {
                if (Stream.of(allowedPrefixes).noneMatch(i::startsWith)) {
                    out.add(ROOT.relativize(s.file()) + " imports " + i);
                }
            }
        }
        return out;
    }

    @Test
    void modulesExist() {
        // guards the rules below against passing because a folder moved
        for (String m : List.of("model", "core", "engine", "services/codedeploy", "services/codepipeline", "services/cloudformation",
                "services/lambda", "services/s3", "services/iam", "services/sts", "services/ssm", "agent", "console", "app")) {
            assertThat(sources(m)).as(m).isNotEmpty();
        }
    }

    @Test
    void theConsoleReadsServicesOnlyThroughTheirApis() {
        // The console's page calls the AWS operations like any client; its few endpoints get their
        // data handed in by app, so it cannot grow a second, unchecked path into a service's store.
        assertThat(violations("console", "io.slipway.console.", "io.slipway.core.", "io.slipway.model.runtime.")).isEmpty();
    }

    @Test
    void theModelDependsOnNothing() {
        // The wire contract is generated from AWS's definitions; nothing of Slipway's may leak into it.
        assertThat(violations("model", "io.slipway.model.")).isEmpty();
    }

    @Test
    void theProtocolLayerKnowsNoStoreAndNoService() {
        // Codecs are generic and model-driven: a service-specific rule in core would be a special case
        // on top of a shared mechanism.
        assertThat(violations("core", "io.slipway.core.", "io.slipway.model.runtime.")).isEmpty();
    }

    @Test
    void theEngineKnowsNoService() {
        // Durable work, documents and time are shared by every service; they must not depend on any of them.
        assertThat(violations("engine", "io.slipway.engine.", "io.slipway.core.Namespace", "io.slipway.core.codec.DocumentType",
                "io.slipway.model.runtime.")).isEmpty();
    }

    @Test
    void servicesDoNotReachIntoEachOther() {
        // Cross-service calls go through a published interface of the callee, never its internals.
        assertThat(violations("services/codedeploy", "io.slipway.codedeploy.", "io.slipway.core.", "io.slipway.engine.",
                "io.slipway.model.runtime.", "io.slipway.model.codedeploy.", "io.slipway.model.codedeploycommands.")).isEmpty();
        assertThat(violations("services/codepipeline", "io.slipway.codepipeline.", "io.slipway.core.", "io.slipway.engine.",
                "io.slipway.model.runtime.", "io.slipway.model.codepipeline.")).isEmpty();
        assertThat(violations("services/cloudformation", "io.slipway.cloudformation.", "io.slipway.core.",
                "io.slipway.engine.", "io.slipway.model.runtime.", "io.slipway.model.cloudformation.")).isEmpty();
        assertThat(violations("services/lambda", "io.slipway.lambda.", "io.slipway.core.", "io.slipway.engine.",
                "io.slipway.model.runtime.", "io.slipway.model.lambda.")).isEmpty();
        assertThat(violations("services/s3", "io.slipway.s3.", "io.slipway.core.", "io.slipway.engine.",
                "io.slipway.model.runtime.", "io.slipway.model.s3.")).isEmpty();
        assertThat(violations("services/iam", "io.slipway.iam.", "io.slipway.core.", "io.slipway.engine.",
                "io.slipway.model.runtime.", "io.slipway.model.iam.")).isEmpty();
        // STS reaches IAM only through its published interface
        assertThat(violations("services/sts", "io.slipway.sts.", "io.slipway.core.", "io.slipway.engine.",
                "io.slipway.model.runtime.", "io.slipway.model.sts.", "io.slipway.iam.IamDirectory")).isEmpty();
        assertThat(violations("services/ssm", "io.slipway.ssm.", "io.slipway.core.", "io.slipway.engine.",
                "io.slipway.model.runtime.", "io.slipway.model.ssm.")).isEmpty();
    }

    @Test
    void theAgentSpeaksOnlyTheWireProtocol() {
        // The agent runs on hosts, apart from the server: it shares no code with Slipway, only the
        // command service's and S3's wire protocols, as the official agent does.
        assertThat(violations("agent", "io.slipway.agent.")).isEmpty();
    }

    @Test
    void handlersNeverCatch() {
        // Services throw modelled AWS errors and the protocol layer renders them; a handler that catches
        // would hide or reshape an answer.
        List<String> catching = new ArrayList<>();
        for (String m : List.of("services/codedeploy", "services/codepipeline", "services/cloudformation", "services/lambda",
                "services/iam", "services/sts", "services/ssm")) {
            sources(m).stream().filter(s -> s.file().getFileName().toString().endsWith("Api.java"))
                    .filter(s -> s.text().contains("catch ("))
                    .forEach(s -> catching.add(ROOT.relativize(s.file()).toString()));
        }
        assertThat(catching).isEmpty();
    }
}
