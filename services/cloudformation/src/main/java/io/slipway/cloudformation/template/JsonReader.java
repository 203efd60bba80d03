package io.slipway.cloudformation.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON template into plain maps (in key order), lists, strings, numbers, booleans and nulls.
 * Numbers keep their written form: whole numbers as Integer or Long (BigDecimal beyond), decimals as
 * BigDecimal, so that a property like {@code "Timeout": 30.50} reaches a provider unchanged.
 */
final class JsonReader {
    // Duplicate keys would otherwise silently keep the last value, hiding a template mistake.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Quotas.NESTING_DEPTH).build())
            .build();

    private JsonReader() {
    }

    static Object read(String body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            Object value = value(parser, parser.nextToken());
            if (parser.nextToken() != null) {
                throw notWellFormed(parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr());
            }
            return value;
        } catch (StreamConstraintsException e) {
            if (String.valueOf(e.getMessage()).contains("nesting depth")) {
                throw TemplateSize.tooDeep();
            }
            throw notWellFormed(e.getLocation() == null ? 1 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 1 : e.getLocation().getColumnNr());
        } catch (JsonProcessingException e) {
            throw notWellFormed(e.getLocation() == null ? 1 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 1 : e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TemplateException notWellFormed(int line, int column) {
        return TemplateException.format("JSON not well-formed. (line " + line + ", column " + column + ")");
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> Scalars.bounded(parser.getDecimalValue(), parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw notWellFormed(parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr());
        };
    }

    private static Object integer(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> parser.getIntValue();
            case LONG -> parser.getLongValue();
            default -> new BigDecimal(parser.getBigIntegerValue());
        };
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            map.put(key, value(parser, parser.nextToken()));
        }
        return map;
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            list.add(value(parser, t));
        }
        return list;
    }
}
