package io.slipway.codegen;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code <Prefix>Handler}, one method per operation (typed input in, typed output out), and
 * {@code <Prefix>Dispatcher}, which connects a handler to the protocol codecs' document trees.
 */
final class HandlerWriter {
    private final ServiceSpec spec;

    HandlerWriter(ServiceSpec spec) {
        this.spec = spec;
    }

    void write(Path dir) throws IOException {
        writeHandler(dir);
        writeDispatcher(dir);
    }

    private void writeHandler(Path dir) throws IOException {
        String cls = spec.prefix() + "Handler";
        StringBuilder sb = new StringBuilder(spec.header("io.slipway.model.runtime.AwsErrors",
                "io.slipway.model.runtime.RequestContext"));
        sb.append("/** The ").append(spec.prefix())
                .append(" operations. An operation a service does not implement answers NotImplemented. */\n");
        sb.append("public interface ").append(cls).append(" {\n");
        for (Map.Entry<String, JsonNode> e : spec.sortedOperations().entrySet()) {
            JsonNode op = e.getValue();
            sb.append("\n    default ").append(outputType(op)).append(' ').append(Names.method(e.getKey())).append('(');
            if (op.has("input")) {
                sb.append(Names.type(op.get("input").get("shape").asText())).append(" input, ");
            }
            sb.append("RequestContext context) {\n");
            sb.append("        throw AwsErrors.notImplemented(").append(Names.javaString(e.getKey())).append(");\n    }\n");
        }
        sb.append("}\n");
        ServiceSpec.writeFile(dir, cls, sb.toString());
    }

    private void writeDispatcher(Path dir) throws IOException {
        String cls = spec.prefix() + "Dispatcher";
        StringBuilder sb = new StringBuilder(spec.header("io.slipway.model.runtime.AwsErrors",
                "io.slipway.model.runtime.Documents", "io.slipway.model.runtime.Operation",
                "io.slipway.model.runtime.OperationDispatcher", "io.slipway.model.runtime.RequestContext",
                "io.slipway.model.runtime.ServiceModel", "java.util.Map"));
        sb.append("/** Routes decoded ").append(spec.prefix()).append(" requests to a handler. */\n");
        sb.append("public final class ").append(cls).append(" implements OperationDispatcher {\n");
        sb.append("    private final ").append(spec.prefix()).append("Handler handler;\n\n");
        sb.append("    public ").append(cls).append("(").append(spec.prefix()).append("Handler handler) {\n");
        sb.append("        this.handler = handler;\n    }\n\n");
        sb.append("    @Override\n    public ServiceModel model() {\n        return ").append(spec.prefix())
                .append("Model.MODEL;\n    }\n\n");
        sb.append("    @Override\n    public Map<String, Object> dispatch(Operation operation, Map<String, Object> input, RequestContext context) {\n");
        sb.append("        return switch (operation.name()) {\n");
        for (Map.Entry<String, JsonNode> e : spec.sortedOperations().entrySet()) {
            JsonNode op = e.getValue();
            String call = "handler." + Names.method(e.getKey()) + "("
                    + (op.has("input") ? Names.type(op.get("input").get("shape").asText()) + ".fromDocument(input), " : "")
                    + "context)";
            sb.append("            case ").append(Names.javaString(e.getKey())).append(" -> ");
            if (op.has("output")) {
                sb.append("Documents.fromStructure(").append(call).append(");\n");
            } else {
                sb.append("{\n                ").append(call).append(";\n                yield null;\n            }\n");
            }
        }
        sb.append("            default -> throw AwsErrors.notImplemented(operation.name());\n        };\n    }\n}\n");
        ServiceSpec.writeFile(dir, cls, sb.toString());
    }

    private String outputType(JsonNode op) {
        return op.has("output") ? Names.type(op.get("output").get("shape").asText()) : "void";
    }
}
