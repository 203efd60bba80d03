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
 */
public final class Generate {
    private Generate() {
    }

    public static void main(String[] args) throws IOException {
        Path models = Path.of(args[0]);
        Path out = Path.of(args[1]);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 2; i < args.length; i++) {
            String[] spec = args[i].split(":");
            JsonNode model = mapper.readTree(models.resolve(spec[0]).toFile());
            ServiceSpec service = new ServiceSpec(model, "io.slipway.model." + spec[1], spec[2]);
            Path dir = out.resolve(service.packageName().replace('.', '/'));
            Files.createDirectories(dir);
            new ModelWriter(service).write(dir);
            new TypeWriter(service).write(dir);
            new HandlerWriter(service).write(dir);
        }
    }
}
