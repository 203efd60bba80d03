package io.slipway.codegen;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a record per structure (with a builder and conversions to and from the codecs' document
 * tree) and an enum per string enum.
 */
final class TypeWriter {
    private final ServiceSpec spec;

    TypeWriter(ServiceSpec spec) {
        this.spec = spec;
    }

    void write(Path dir) throws IOException {
        for (Map.Entry<String, JsonNode> e : spec.sortedShapes().entrySet()) {
            if (spec.isRecord(e.getValue())) {
                ServiceSpec.writeFile(dir, Names.type(e.getKey()), record(e.getKey(), e.getValue()));
            } else if (spec.isEnum(e.getValue())) {
                ServiceSpec.writeFile(dir, Names.type(e.getKey()), enumType(e.getKey(), e.getValue()));
            }
        }
    }

    private String enumType(String name, JsonNode s) {
        String cls = Names.type(name);
        StringBuilder sb = new StringBuilder(spec.header("io.slipway.model.runtime.AwsEnum"));
        sb.append("public enum ").append(cls).append(" implements AwsEnum {\n");
        Set<String> used = new HashSet<>();
        List<String> constants = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>();
        s.get("enum").forEach(values::add);
        spec.outputOnlyEnumValues().path(name).forEach(values::add);
        for (JsonNode v : values) {
            String constant = Names.constant(v.asText());
            String unique = constant;
            for (int i = 2; !used.add(unique); i++) {
                unique = constant + "_" + i;
            }
            constants.add("    " + unique + "(" + Names.javaString(v.asText()) + ")");
        }
        sb.append(String.join(",\n", constants)).append(";\n\n");
        sb.append("    private final String value;\n\n");
        sb.append("    ").append(cls).append("(String value) {\n        this.value = value;\n    }\n\n");
        sb.append("    @Override\n    public String value() {\n        return value;\n    }\n\n");
        sb.append("    @Override\n    public String toString() {\n        return value;\n    }\n\n");
        sb.append("    /** The constant with this wire value; null for null; IllegalArgumentException for others. */\n");
        sb.append("    public static ").append(cls).append(" fromValue(String value) {\n");
        sb.append("        if (value == null) {\n            return null;\n        }\n");
        sb.append("        for (").append(cls).append(" c : values()) {\n");
        sb.append("            if (c.value.equals(value)) {\n                return c;\n            }\n        }\n");
        sb.append("        throw new IllegalArgumentException(\"not a ").append(name).append(": \" + value);\n    }\n}\n");
        return sb.toString();
    }

    private String record(String name, JsonNode s) {
        String cls = Names.type(name);
        List<String> members = spec.members(s);
        List<String> components = new ArrayList<>();
        for (String m : members) {
            components.add(spec.javaType(target(s, m)) + " " + Names.field(m));
        }
        StringBuilder sb = new StringBuilder(spec.header("io.slipway.model.runtime.AwsStructure",
                "io.slipway.model.runtime.Documents", "java.time.Instant", "java.util.LinkedHashMap",
                "java.util.List", "java.util.Map"));
        sb.append("@SuppressWarnings(\"unused\")\n");
        sb.append("public record ").append(cls).append("(");
        sb.append(components.isEmpty() ? "" : "\n        " + String.join(",\n        ", components));
        sb.append(") implements AwsStructure {\n\n");
        // fromDocument
        sb.append("    public static ").append(cls).append(" fromDocument(Map<String, Object> d) {\n");
        List<String> reads = new ArrayList<>();
        for (String m : members) {
            reads.add(fromExpr(target(s, m), "d.get(" + Names.javaString(m) + ")", 0));
        }
        sb.append("        return new ").append(cls).append("(")
                .append(reads.isEmpty() ? "" : "\n                " + String.join(",\n                ", reads))
                .append(");\n    }\n\n");
        // toDocument
        sb.append("    @Override\n    public Map<String, Object> toDocument() {\n");
        sb.append("        Map<String, Object> d = new LinkedHashMap<>(").append(Math.max(4, members.size() * 2)).append(");\n");
        for (String m : members) {
            sb.append("        Documents.put(d, ").append(Names.javaString(m)).append(", ")
                    .append(toExpr(target(s, m), Names.field(m), 0)).append(");\n");
        }
        sb.append("        return d;\n    }\n\n");
        // builder
        sb.append("    public static Builder builder() {\n        return new Builder();\n    }\n\n");
        sb.append("    public Builder toBuilder() {\n        Builder b = new Builder();\n");
        for (String m : members) {
            String f = Names.field(m);
            sb.append("        b.").append(f).append(" = ").append(f).append(";\n");
        }
        sb.append("        return b;\n    }\n\n");
        sb.append("    public static final class Builder {\n");
        for (String m : members) {
            sb.append("        private ").append(spec.javaType(target(s, m))).append(' ').append(Names.field(m)).append(";\n");
        }
        sb.append("\n        private Builder() {\n        }\n\n");
        for (String m : members) {
            String f = Names.field(m);
            sb.append("        public Builder ").append(f).append("(").append(spec.javaType(target(s, m)))
                    .append(" value) {\n            this.").append(f).append(" = value;\n            return this;\n        }\n\n");
        }
        List<String> fields = members.stream().map(Names::field).toList();
        sb.append("        public ").append(cls).append(" build() {\n            return new ").append(cls)
                .append("(").append(String.join(", ", fields)).append(");\n        }\n    }\n}\n");
        return sb.toString();
    }

    private static String target(JsonNode structure, String member) {
        return structure.get("members").get(member).get("shape").asText();
    }

    private String fromExpr(String shapeName, String expr, int depth) {
        JsonNode s = spec.shape(shapeName);
        String v = "e" + depth;
        return switch (spec.type(s)) {
            case "string" -> spec.isEnum(s) ? Names.type(shapeName) + ".fromValue((String) " + expr + ")" : "(String) " + expr;
            case "integer" -> "Documents.toInteger(" + expr + ")";
            case "long" -> "Documents.toLong(" + expr + ")";
            case "double" -> "Documents.toDouble(" + expr + ")";
            case "float" -> "Documents.toFloat(" + expr + ")";
            case "boolean" -> "(Boolean) " + expr;
            case "timestamp" -> "(Instant) " + expr;
            case "blob" -> "(byte[]) " + expr;
            case "list" -> "Documents.toList(" + expr + ", " + v + " -> "
                    + fromExpr(s.get("member").get("shape").asText(), v, depth + 1) + ")";
            case "map" -> "Documents.toMap(" + expr + ", " + v + " -> "
                    + fromExpr(s.get("value").get("shape").asText(), v, depth + 1) + ")";
            case "structure" -> spec.isRecord(s)
                    ? "Documents.toStructure(" + expr + ", " + Names.type(shapeName) + "::fromDocument)" : expr;
            default -> throw new IllegalArgumentException(shapeName);
        };
    }

    private String toExpr(String shapeName, String expr, int depth) {
        JsonNode s = spec.shape(shapeName);
        String v = "e" + depth;
        return switch (spec.type(s)) {
            case "string" -> spec.isEnum(s) ? "Documents.fromEnum(" + expr + ")" : expr;
            case "list" -> {
                String inner = toExpr(s.get("member").get("shape").asText(), v, depth + 1);
                yield inner.equals(v) ? expr : "Documents.fromList(" + expr + ", " + v + " -> " + inner + ")";
            }
            case "map" -> {
                String inner = toExpr(s.get("value").get("shape").asText(), v, depth + 1);
                yield inner.equals(v) ? expr : "Documents.fromMap(" + expr + ", " + v + " -> " + inner + ")";
            }
            case "structure" -> spec.isRecord(s) ? "Documents.fromStructure(" + expr + ")" : expr;
            default -> expr;
        };
    }
}
