package io.slipway.codegen;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits the project's compact resource specification ({@code TrimResourceSpec}'s lines) into the
 * resources Slipway reads at run time: {@code types.txt}, every type name in order, and one file
 * per service namespace ({@code AWS-SNS.jsonl}) holding that namespace's lines. A stack that uses
 * SNS topics reads the SNS file once, never the other 300.
 *
 * <p>Usage: {@code ResourceTypeTables <cloudformation-resource-types.jsonl> <outputDir>}
 */
public final class ResourceTypeTables {
    private ResourceTypeTables() {
    }

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        Path out = Path.of(args[1]).resolve("io/slipway/model/cloudformation/types");
        Files.createDirectories(out);
        Map<String, StringBuilder> byService = new TreeMap<>();
        StringBuilder names = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            // every line starts {"n":"<type>", as TrimResourceSpec writes it
            int start = line.indexOf("\"n\":\"") + 5;
            String type = line.substring(start, line.indexOf('"', start));
            names.append(type).append('\n');
            byService.computeIfAbsent(service(type), s -> new StringBuilder()).append(line).append('\n');
        }
        write(out.resolve("types.txt"), names);
        for (Map.Entry<String, StringBuilder> e : byService.entrySet()) {
            write(out.resolve(e.getKey() + ".jsonl"), e.getValue());
        }
    }

    /** {@code AWS::SNS::Topic} -> {@code AWS-SNS}. */
    static String service(String type) {
        return type.substring(0, type.lastIndexOf("::")).replace("::", "-");
    }

    private static void write(Path file, CharSequence text) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append(text);
        }
    }
}
