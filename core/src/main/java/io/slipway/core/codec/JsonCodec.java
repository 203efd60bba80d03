package io.slipway.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads and writes JSON bodies by walking the model's shapes: members by their model names
 * (awsJson) or JSON names (restJson1, see {@link JsonDialect}), timestamps as epoch seconds unless
 * a member says otherwise, blobs as base64, non-finite floats as strings. Unknown members are
 * skipped; a JSON null counts as absent. Malformed input raises {@link MalformedInputException},
 * which each protocol answers in its own way.
 */
public final class JsonCodec {
    /**
     * The deepest nesting read, and written: a document Slipway writes (and stores) is one it can
     * read back, so writing anything deeper fails at once instead of leaving an unreadable record.
     */
    public static final int MAX_NESTING_DEPTH = 64;
    /**
     * Buffers are recycled through a shared pool: Jackson's default pool is per thread, which
     * recycles nothing when every request runs on a new virtual thread.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();
    /** What an operation without input reads its body as: any object, every member unknown. */
    private static final Shape NO_MEMBERS = new Shape("Unit", ShapeType.STRUCTURE);
    private static final JsonReader AWS_JSON_READER = new JsonReader(JsonDialect.AWS_JSON);
    private static final JsonReader REST_JSON_READER = new JsonReader(JsonDialect.REST_JSON);
    private static final JsonWriter AWS_JSON_WRITER = new JsonWriter(JsonDialect.AWS_JSON);
    private static final JsonWriter REST_JSON_WRITER = new JsonWriter(JsonDialect.REST_JSON);

    private JsonCodec() {
    }

    /** Reads a JSON object as the shape says; a null shape (no input) still requires well-formed JSON. */
    public static Map<String, Object> readStructure(byte[] json, Shape shape) {
        return AWS_JSON_READER.readObject(json, shape == null ? NO_MEMBERS : shape, false);
    }

    /**
     * Reads a restJson1 body: the members of the shape that are bound to no other part of the
     * request, by their JSON names. A structure payload reads the same way (it binds nothing).
     */
    public static Map<String, Object> readRestJsonBody(byte[] json, Shape shape) {
        return REST_JSON_READER.readObject(json, shape == null ? NO_MEMBERS : shape, true);
    }

    /** Reads a restJson1 payload (a structure, union or document bound to the whole body). */
    public static Object readRestJsonValue(byte[] json, Shape shape) {
        return REST_JSON_READER.readValue(json, shape);
    }

    public static byte[] writeStructure(Shape shape, Map<String, Object> value) {
        return write(out -> AWS_JSON_WRITER.write(out, shape, value == null ? Map.of() : value, null));
    }

    /** A restJson1 body: the members bound to no header, status or payload, by their JSON names. */
    public static byte[] writeRestJsonBody(Shape shape, Map<String, Object> value) {
        return write(g -> {
            g.writeStartObject();
            REST_JSON_WRITER.writeMembers(g, shape, value == null ? Map.of() : value, true);
            g.writeEndObject();
        });
    }

    /** A restJson1 payload of any shape (a document, a list, a structure) written whole. */
    public static byte[] writeRestJsonValue(Shape shape, Object value) {
        return write(g -> REST_JSON_WRITER.write(g, shape, value, null));
    }

    private static final Shape FREE_FORM = new Shape("Document", io.slipway.model.runtime.ShapeType.DOCUMENT);

    /**
     * Free-form JSON (templates, hook and custom resource requests, AppSpecs, policies) as plain maps,
     * lists, strings, numbers and booleans, key order and nulls kept;
     * {@link MalformedInputException} for text that is not JSON.
     */
    public static Object parseDocument(String json) {
        return readRestJsonValue(json.getBytes(StandardCharsets.UTF_8), FREE_FORM);
    }

    /** Writes free-form JSON (see {@link #parseDocument}). */
    public static String writeDocument(Object value) {
        return new String(writeRestJsonValue(FREE_FORM, value), StandardCharsets.UTF_8);
    }

    public static String writeString(Shape shape, Map<String, Object> value) {
        return new String(writeStructure(shape, value), StandardCharsets.UTF_8);
    }

    /** Reads a document that Slipway itself wrote (a stored resource). */
    public static Map<String, Object> readString(Shape shape, String json) {
        return readStructure(json.getBytes(StandardCharsets.UTF_8), shape);
    }

    /**
     * An awsJson error body: {@code __type}, then the members of the error's shape (when the
     * operation models it), then a {@code message} for errors whose shape has no message member.
     */
    public static byte[] writeError(String type, Shape shape, Map<String, Object> fields, String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("__type", type);
            if (shape != null) {
                AWS_JSON_WRITER.writeMembers(g, shape, fields, false);
            }
            if (message != null) {
                g.writeStringField("message", message);
            }
            g.writeEndObject();
        });
    }

    /**
     * A restJson1 error body: the error shape's body members (the error's name travels in the
     * X-Amzn-ErrorType header), then a {@code message} for errors whose shape has no message member.
     */
    public static byte[] writeRestJsonError(Shape shape, Map<String, Object> fields, String message) {
        return write(g -> {
            g.writeStartObject();
            if (shape != null) {
                REST_JSON_WRITER.writeMembers(g, shape, fields, true);
            }
            if (message != null) {
                g.writeStringField("message", message);
            }
            g.writeEndObject();
        });
    }

    /** Writes a value as awsJson does (model member names). */
    public static void write(JsonGenerator g, Shape shape, Object value, Member member) throws IOException {
        AWS_JSON_WRITER.write(g, shape, value, member);
    }

    private interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
