package io.slipway.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates Java from the project's trimmed AWS API definitions.
 *
 * <p>Usage: {@code Generate <modelsDir> <outputDir> <file:package:Prefix>...}, for example
 * {@code codedeploy.json:codedeploy:CodeDeploy}. Output is deterministic, so a rebuild from the same
 * model gives the same sources.
 *
 * <p>{@code output-only-enum-values.json} beside the models lists enum values a service returns but
 * its published model omits (such as CodeDeploy's MOST_CONCURRENCY): they become Java constants so
 * outputs can carry them, but not model enum values, so inputs using them still fail validation.
 */
public final class Generate {
    private Generate() {
    }

    public static void main(String[] args) throws IOException {
        Path models = Path.of(args[0]);
        Path out = Path.of(args[1]);
        ObjectMapper mapper = new ObjectMapper();
        Path extrasFile = models.resolve("output-only-enum-values.json");
        JsonNode extras = Files.exists(extrasFile) ? mapper.readTree(extrasFile.toFile()) : mapper.createObjectNode();
        for (int i = 2; i < args.length; i++) {
            String[] spec = args[i].split(":");
            JsonNode model = mapper.readTree(models.resolve(spec[0]).toFile());
            ServiceSpec service = new ServiceSpec(model, "io.slipway.model." + spec[1], spec[2],
                    extras.path(spec[0]));
            Path dir = out.resolve(service.packageName().replace('.', '/'));
            Files.createDirectories(dir);
            new ModelWriter(service).write(dir);
            new TypeWriter(service).write(dir);
            new HandlerWriter(service).write(dir);
        }
    }
}
