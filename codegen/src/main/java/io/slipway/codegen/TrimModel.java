package io.slipway.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Copies an AWS API definition (botocore format) keeping facts only: shapes, members, types,
 * constraints, traits and operations. Prose (documentation, examples, deprecation messages) is
 * dropped so that the project never carries text it did not write.
 *
 * <p>Usage: {@code TrimModel <source.json> <target.json>}
 */
public final class TrimModel {
    private static final Set<String> METADATA = Set.of("apiVersion", "endpointPrefix", "jsonVersion",
            "protocol", "protocols", "serviceId", "signingName", "targetPrefix", "uid", "xmlNamespace",
            "awsQueryCompatible");
    private static final Set<String> OPERATION = Set.of("name", "http", "input", "output", "errors",
            "idempotent", "deprecated", "authtype");
    private static final Set<String> SHAPE = Set.of("type", "members", "required", "member", "key", "value",
            "enum", "min", "max", "pattern", "error", "exception", "fault", "timestampFormat", "locationName",
            "flattened", "xmlNamespace", "payload", "union", "sensitive", "streaming", "event", "eventstream",
            "document", "deprecated", "box");
    private static final Set<String> MEMBER = Set.of("shape", "location", "locationName", "flattened",
            "xmlAttribute", "xmlNamespace", "idempotencyToken", "hostLabel", "streaming", "eventpayload",
            "deprecated", "jsonvalue", "queryName", "box");

    private TrimModel() {
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode source = mapper.readTree(Path.of(args[0]).toFile());
        ObjectNode out = mapper.createObjectNode();
        out.set("metadata", keep((ObjectNode) source.get("metadata"), METADATA));
        ObjectNode operations = out.putObject("operations");
        source.get("operations").fields().forEachRemaining(e ->
                operations.set(e.getKey(), keep((ObjectNode) e.getValue(), OPERATION)));
        ObjectNode shapes = out.putObject("shapes");
        source.get("shapes").fields().forEachRemaining(e -> {
            ObjectNode shape = keep((ObjectNode) e.getValue(), SHAPE);
            if (shape.get("members") instanceof ObjectNode members) {
                members.fields().forEachRemaining(m -> m.setValue(keep((ObjectNode) m.getValue(), MEMBER)));
            }
            for (String ref : new String[] {"member", "key", "value"}) {
                if (shape.get(ref) instanceof ObjectNode r) {
                    shape.set(ref, keep(r, MEMBER));
                }
            }
            shapes.set(e.getKey(), shape);
        });
        Files.createDirectories(Path.of(args[1]).toAbsolutePath().getParent());
        mapper.writeValue(Path.of(args[1]).toFile(), out);
    }

    private static ObjectNode keep(ObjectNode node, Set<String> allowed) {
        ObjectNode copy = node.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext(); ) {
            if (!allowed.contains(it.next().getKey())) {
                it.remove();
            }
        }
        return copy;
    }
}
