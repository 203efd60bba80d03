package io.slipway.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent runs on hosts, apart from the server: it may use the JDK, Jackson, SnakeYAML and
 * Bouncy Castle (for signed specifications), and nothing of Slipway's but itself, so that it ships
 * and starts on its own.
 */
class ModuleBoundaryTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of("java.", "javax.", "io.slipway.agent.", "com.fasterxml.jackson.", "org.yaml.snakeyaml.",
            "org.bouncycastle.");

    @Test
    void importsOnlyTheJdkJacksonSnakeYamlBouncyCastleAndItself() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            Matcher m = IMPORT.matcher(Files.readString(source));
            while (m.find()) {
                String imported = m.group(1);
                if (ALLOWED.stream().noneMatch(imported::startsWith)) {
                    violations.add(source + " imports " + imported);
                }
            }
            String text = Files.readString(source);
            if (text.contains("io.slipway.") && text.replaceAll("io\\.slipway\\.agent\\b", "").contains("io.slipway.")) {
                violations.add(source + " names another Slipway package");
            }
        }
        assertThat(sources).isNotEmpty();
        assertThat(violations).isEmpty();
    }
}
