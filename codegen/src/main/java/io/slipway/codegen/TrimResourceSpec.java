package io.slipway.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Copies the CloudFormation resource specification ({@code cloudformation-resource-types.json}:
 * {@code resourceTypes} and {@code propertyTypes} referenced by numeric ids) into the project's
 * compact form: one line per resource type, each self-contained (the property types it reaches are
 * inlined and numbered from 0 within the line), with short keys, so that Slipway can read one
 * service's types at first use without the whole specification.
 *
 * <p>A line: {@code {"n":type,"p":{prop:{"t":type,"q":1 if required,"x":"y"|"c" replacement}},
 * "a":{attr:type},"id":[primary identifier],"ref":[Ref identifier],"arn":template,
 * "tag":tag property,"pt":[{"n":name,"p":{...}}]}}. A type is {@code "S"} string, {@code "I"}
 * integer, {@code "N"} number, {@code "B"} boolean, {@code "J"} json, {@code "D"} date-time, {@code "T"} tag,
 * {@code "#k"} the k-th inlined property type, {@code ["A",t]} array, {@code ["M",t]} map,
 * {@code ["U",t...]} any of.
 *
 * <p>Usage: {@code TrimResourceSpec <cloudformation-resource-types.json> <target.jsonl>}
 */
public final class TrimResourceSpec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TrimResourceSpec() {
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode spec = mapper.readTree(Path.of(args[0]).toFile());
        JsonNode propertyTypes = spec.get("propertyTypes");
        Map<String, JsonNode> types = new TreeMap<>();
        spec.get("resourceTypes").fields().forEachRemaining(e -> types.put(e.getKey(), e.getValue()));
        Files.createDirectories(Path.of(args[1]).toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, JsonNode> e : types.entrySet()) {
                out.write(mapper.writeValueAsString(new Line(propertyTypes).type(e.getKey(), e.getValue())));
                out.write('\n');
            }
        }
    }

    /** One resource type's line, numbering the property types it reaches as it meets them. */
    private static final class Line {
        private final JsonNode propertyTypes;
        private final Map<String, Integer> local = new LinkedHashMap<>();
        private final List<ObjectNode> inlined = new ArrayList<>();

        Line(JsonNode propertyTypes) {
            this.propertyTypes = propertyTypes;
        }

        ObjectNode type(String name, JsonNode source) {
            ObjectNode line = F.objectNode();
            line.put("n", name);
            line.set("p", properties(source.path("properties")));
            ObjectNode attributes = line.putObject("a");
            source.path("attributes").fields().forEachRemaining(a -> attributes.set(a.getKey(), type(a.getValue())));
            copyList(source, "primaryIdentifier", line, "id");
            copyList(source, "cfnRefIdentifier", line, "ref");
            if (source.hasNonNull("arnTemplate")) {
                line.put("arn", source.get("arnTemplate").asText());
            }
            if (source.path("tagInformation").hasNonNull("tagPropertyName")) {
                line.put("tag", source.get("tagInformation").get("tagPropertyName").asText());
            }
            if (!inlined.isEmpty()) {
                ArrayNode pt = line.putArray("pt");
                inlined.forEach(pt::add);
            }
            return line;
        }

        private ObjectNode properties(JsonNode source) {
            ObjectNode out = F.objectNode();
            source.fields().forEachRemaining(e -> {
                JsonNode p = e.getValue();
                ObjectNode q = F.objectNode();
                q.set("t", type(p.get("type")));
                if (p.path("required").asBoolean(false)) {
                    q.put("q", 1);
                }
                String replacement = p.path("replacement").asText("");
                if (replacement.equals("yes")) {
                    q.put("x", "y");
                } else if (replacement.equals("maybe")) {
                    q.put("x", "c");
                } else if (!replacement.isEmpty()) {
                    throw new IllegalArgumentException("unknown replacement " + replacement + " of " + e.getKey());
                }
                out.set(e.getKey(), q);
            });
            return out;
        }

        private JsonNode type(JsonNode t) {
            String kind = t.get("type").asText();
            return switch (kind) {
                case "string" -> F.textNode("S");
                case "integer" -> F.textNode("I");
                case "number" -> F.textNode("N");
                case "boolean" -> F.textNode("B");
                case "json" -> F.textNode("J");
                case "date-time" -> F.textNode("D");
                case "tag" -> F.textNode("T");
                case "array" -> F.arrayNode().add("A").add(type(t.get("element")));
                case "map" -> F.arrayNode().add("M").add(type(t.get("element")));
                case "union" -> {
                    ArrayNode u = F.arrayNode().add("U");
                    t.get("types").forEach(x -> u.add(type(x)));
                    yield u;
                }
                case "ref" -> F.textNode("#" + reference(t.get("ref").asText()));
                default -> throw new IllegalArgumentException("unknown property type kind " + kind);
            };
        }

        private int reference(String id) {
            Integer known = local.get(id);
            if (known != null) {
                return known;
            }
            int index = inlined.size();
            local.put(id, index);
            ObjectNode slot = F.objectNode();
            inlined.add(slot); // reserved before its properties, which may refer back to it
            JsonNode source = propertyTypes.get(id);
            if (source == null) {
                throw new IllegalArgumentException("no property type " + id);
            }
            slot.put("n", source.get("name").asText());
            slot.set("p", properties(source.path("properties")));
            return index;
        }

        private static void copyList(JsonNode source, String from, ObjectNode to, String key) {
            if (source.get(from) instanceof ArrayNode list && !list.isEmpty()) {
                to.set(key, list.deepCopy());
            }
        }
    }
}
