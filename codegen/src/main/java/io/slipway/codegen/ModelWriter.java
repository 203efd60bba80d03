package io.slipway.codegen;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code <Prefix>Model} (the shape graph the protocol codecs walk at run time, built from
 * Java code so that no model is parsed at start-up) and {@code <Prefix>Errors} (the modelled errors).
 */
final class ModelWriter {
    /** Statements per generated method: stays far below the JVM's 64 KB method limit. */
    private static final int CHUNK = 120;
    private final ServiceSpec spec;

    ModelWriter(ServiceSpec spec) {
        this.spec = spec;
    }

    void write(Path dir) throws IOException {
        writeModel(dir);
        writeErrors(dir);
    }

    private void writeModel(Path dir) throws IOException {
        List<String> creates = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : spec.sortedShapes().entrySet()) {
            creates.add("s.put(" + Names.javaString(e.getKey()) + ", " + create(e.getKey(), e.getValue()) + ");");
            links.addAll(link(e.getKey(), e.getValue()));
        }
        String cls = spec.prefix() + "Model";
        StringBuilder sb = new StringBuilder(spec.header("io.slipway.model.runtime.Member",
                "io.slipway.model.runtime.Operation", "io.slipway.model.runtime.ServiceModel",
                "io.slipway.model.runtime.Shape", "io.slipway.model.runtime.ShapeType", "java.util.HashMap",
                "java.util.List", "java.util.Map"));
        sb.append("/** The ").append(spec.prefix()).append(" API as a shape graph. */\n");
        sb.append("public final class ").append(cls).append(" {\n");
        sb.append("    public static final ServiceModel MODEL = build();\n\n");
        sb.append("    private ").append(cls).append("() {\n    }\n\n");
        sb.append("    private static ServiceModel build() {\n");
        sb.append("        Map<String, Shape> s = new HashMap<>(").append(creates.size() * 2).append(");\n");
        int createChunks = chunks(creates.size());
        int linkChunks = chunks(links.size());
        for (int i = 0; i < createChunks; i++) {
            sb.append("        shapes").append(i).append("(s);\n");
        }
        for (int i = 0; i < linkChunks; i++) {
            sb.append("        members").append(i).append("(s);\n");
        }
        JsonNode meta = spec.model().get("metadata");
        sb.append("        return new ServiceModel(").append(str(meta, "serviceId")).append(", ")
                .append(str(meta, "protocol")).append(", ").append(str(meta, "targetPrefix")).append(", ")
                .append(str(meta, "apiVersion")).append(", ")
                .append(meta.has("signingName") ? str(meta, "signingName") : str(meta, "endpointPrefix")).append(", ")
                .append(str(meta, "xmlNamespace")).append(", operations(s), s);\n    }\n\n");
        appendChunks(sb, "shapes", creates);
        appendChunks(sb, "members", links);
        sb.append("    private static List<Operation> operations(Map<String, Shape> s) {\n");
        sb.append("        return List.of(");
        List<String> ops = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : spec.sortedOperations().entrySet()) {
            ops.add(operation(e.getKey(), e.getValue()));
        }
        sb.append(String.join(",", ops)).append(");\n    }\n}\n");
        ServiceSpec.writeFile(dir, cls, sb.toString());
    }

    private String operation(String name, JsonNode op) {
        JsonNode http = op.path("http");
        List<String> errors = new ArrayList<>();
        op.path("errors").forEach(err -> errors.add("s.get(" + Names.javaString(err.get("shape").asText()) + ")"));
        return "\n                new Operation(" + Names.javaString(name) + ", "
                + ref(op.path("input")) + ", " + ref(op.path("output")) + ", "
                + str(op.path("output"), "resultWrapper") + ", "
                + str(http, "method") + ", " + str(http, "requestUri") + ", "
                + http.path("responseCode").asInt(200) + ", List.of(" + String.join(", ", errors) + "), "
                + "none".equals(op.path("authtype").asText()) + ")";
    }

    private static String ref(JsonNode shapeRef) {
        return shapeRef.has("shape") ? "s.get(" + Names.javaString(shapeRef.get("shape").asText()) + ")" : "null";
    }

    private static String str(JsonNode node, String field) {
        return node.has(field) ? Names.javaString(node.get(field).asText()) : "null";
    }

    private String create(String name, JsonNode s) {
        String type = spec.type(s);
        StringBuilder sb = new StringBuilder("new Shape(" + Names.javaString(name) + ", ShapeType."
                + (s.path("document").asBoolean(false) ? "DOCUMENT" : type.toUpperCase()) + ")");
        if (s.has("min") || s.has("max")) {
            boolean numeric = type.equals("integer") || type.equals("long") || type.equals("double")
                    || type.equals("float");
            String min = s.has("min") ? s.get("min").asText() + (numeric ? "d" : "L") : "null";
            String max = s.has("max") ? s.get("max").asText() + (numeric ? "d" : "L") : "null";
            sb.append(numeric ? ".range(" : ".length(").append(min).append(", ").append(max).append(")");
        }
        if (s.has("pattern")) {
            sb.append(".pattern(").append(Names.javaString(s.get("pattern").asText())).append(")");
        }
        if (s.has("enum")) {
            List<String> values = new ArrayList<>();
            s.get("enum").forEach(v -> values.add(Names.javaString(v.asText())));
            sb.append(".enumValues(").append(String.join(", ", values)).append(")");
        }
        if (spec.isException(s)) {
            sb.append(".error(").append(spec.prefix()).append("Errors.").append(Names.errorConstant(name)).append(")");
        }
        if (s.path("flattened").asBoolean(false)) {
            sb.append(".flattened()");
        }
        if (s.has("locationName")) {
            sb.append(".xmlName(").append(str(s, "locationName")).append(")");
        }
        if (s.has("timestampFormat")) {
            sb.append(".timestampFormat(").append(str(s, "timestampFormat")).append(")");
        }
        if (s.path("union").asBoolean(false)) {
            sb.append(".union()");
        }
        if (s.path("sensitive").asBoolean(false)) {
            sb.append(".sensitive()");
        }
        return sb.toString();
    }

    private List<String> link(String name, JsonNode s) {
        List<String> out = new ArrayList<>();
        String owner = "s.get(" + Names.javaString(name) + ")";
        switch (spec.type(s)) {
            case "structure" -> {
                List<String> required = new ArrayList<>();
                s.path("required").forEach(r -> required.add(r.asText()));
                String payload = s.path("payload").asText(null);
                for (String member : spec.members(s)) {
                    String m = member(member, s.get("members").get(member), required.contains(member));
                    // the structure's "payload" names the member a rest protocol sends as the whole body
                    if (member.equals(payload) && !m.contains(".payload()")) {
                        m += ".payload()";
                    }
                    out.add(owner + ".member(" + m + ");");
                }
            }
            case "list" -> out.add(owner + ".listMember(" + member("member", s.get("member"), false) + ");");
            case "map" -> out.add(owner + ".mapEntry(" + member("key", s.get("key"), false) + ", "
                    + member("value", s.get("value"), false) + ");");
            default -> {
            }
        }
        return out;
    }

    private static String member(String name, JsonNode m, boolean required) {
        StringBuilder sb = new StringBuilder("Member.of(" + Names.javaString(name) + ", s.get("
                + Names.javaString(m.get("shape").asText()) + "))");
        if (required) {
            sb.append(".required()");
        }
        if (m.has("locationName")) {
            sb.append(".locationName(").append(str(m, "locationName")).append(")");
        }
        if (m.has("location")) {
            sb.append(".location(").append(str(m, "location")).append(")");
        }
        if (m.has("queryName")) {
            sb.append(".queryName(").append(str(m, "queryName")).append(")");
        }
        if (m.path("flattened").asBoolean(false)) {
            sb.append(".flattened()");
        }
        if (m.path("xmlAttribute").asBoolean(false)) {
            sb.append(".xmlAttribute()");
        }
        if (m.path("idempotencyToken").asBoolean(false)) {
            sb.append(".idempotencyToken()");
        }
        if (m.path("hostLabel").asBoolean(false)) {
            sb.append(".hostLabel()");
        }
        if (m.path("jsonvalue").asBoolean(false)) {
            sb.append(".jsonValue()");
        }
        if (m.path("streaming").asBoolean(false) || m.path("eventpayload").asBoolean(false)) {
            sb.append(".payload()");
        }
        return sb.toString();
    }

    private static int chunks(int size) {
        return (size + CHUNK - 1) / CHUNK;
    }

    private static void appendChunks(StringBuilder sb, String method, List<String> statements) {
        for (int i = 0; i < chunks(statements.size()); i++) {
            sb.append("    private static void ").append(method).append(i).append("(Map<String, Shape> s) {\n");
            for (String st : statements.subList(i * CHUNK, Math.min(statements.size(), (i + 1) * CHUNK))) {
                sb.append("        ").append(st).append('\n');
            }
            sb.append("    }\n\n");
        }
    }

    private void writeErrors(Path dir) throws IOException {
        String cls = spec.prefix() + "Errors";
        StringBuilder sb = new StringBuilder(spec.header("io.slipway.model.runtime.AwsError"));
        sb.append("/** The errors the ").append(spec.prefix()).append(" API models, with their wire codes and HTTP statuses. */\n");
        sb.append("public final class ").append(cls).append(" {\n");
        for (Map.Entry<String, JsonNode> e : spec.sortedShapes().entrySet()) {
            JsonNode s = e.getValue();
            if (!spec.isException(s)) {
                continue;
            }
            JsonNode error = s.path("error");
            String code = error.has("code") ? error.get("code").asText() : e.getKey();
            boolean sender = !s.path("fault").asBoolean(false) && error.path("senderFault").asBoolean(true);
            int status = error.path("httpStatusCode").asInt(sender ? 400 : 500);
            sb.append("    public static final AwsError ").append(Names.errorConstant(e.getKey()))
                    .append(" = new AwsError(").append(Names.javaString(e.getKey())).append(", ")
                    .append(Names.javaString(code)).append(", ").append(status).append(", ").append(sender)
                    .append(");\n");
        }
        sb.append("\n    private ").append(cls).append("() {\n    }\n}\n");
        ServiceSpec.writeFile(dir, cls, sb.toString());
    }
}
