package io.slipway.it.fuzz;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an operation and a document into the request an SDK would send, in the service's protocol,
 * not yet signed: a case changes the request first, {@link WireSigner} signs what goes on the wire.
 */
final class RequestEncoder {
    private RequestEncoder() {
    }

    static WireRequest encode(ServedService service, Operation op, Map<String, Object> document) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1");
        return switch (service.protocol()) {
            case JSON -> {
                headers.put("Content-Type", "application/x-amz-json-1.1");
                headers.put("X-Amz-Target", service.model().targetPrefix() + "." + op.name());
                yield new WireRequest("POST", "/", headers, JsonBodies.write(op.input(), document));
            }
            case QUERY -> {
                headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
                yield new WireRequest("POST", "/", headers, QueryForms.write(op.name(), service.model().apiVersion(),
                        op.input(), document).getBytes(StandardCharsets.UTF_8));
            }
            case REST_JSON, REST_XML -> rest(service, op, document, headers);
        };
    }

    /** URI labels, query string and headers from the members bound to them; the payload member or the rest as the body. */
    private static WireRequest rest(ServedService service, Operation op, Map<String, Object> document,
                                    Map<String, String> headers) {
        String uri = op.requestUri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        List<Map.Entry<String, String>> query = new ArrayList<>();
        if (q >= 0) {
            for (String fixed : uri.substring(q + 1).split("&")) {
                int eq = fixed.indexOf('=');
                query.add(new AbstractMap.SimpleEntry<>(eq < 0 ? fixed : fixed.substring(0, eq), eq < 0 ? "" : fixed.substring(eq + 1)));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Member payload = null;
        Shape input = op.input();
        for (Member m : input == null ? List.<Member>of() : input.members()) {
            Object value = document.get(m.name());
            String location = m.location() == null ? "" : m.location();
            String wireName = m.locationName() != null ? m.locationName() : m.name();
            switch (location) {
                case "uri" -> path = label(path, wireName, value);
                case "querystring" -> {
                    if (value instanceof Map<?, ?> map) {
                        map.forEach((k, v) -> query.add(new AbstractMap.SimpleEntry<>(String.valueOf(k), FuzzCase.text(v))));
                    } else if (value instanceof List<?> list) {
                        list.forEach(v -> query.add(new AbstractMap.SimpleEntry<>(wireName, FuzzCase.text(v))));
                    } else if (document.containsKey(m.name())) {
                        query.add(new AbstractMap.SimpleEntry<>(wireName, FuzzCase.text(value)));
                    }
                }
                case "header" -> {
                    // the client frames the body itself: a modelled Content-Length would contradict it
                    if (document.containsKey(m.name()) && !wireName.equalsIgnoreCase("Content-Length")) {
                        headers.put(wireName, headerSafe(FuzzCase.text(value)));
                    }
                }
                case "headers" -> {
                    if (value instanceof Map<?, ?> map) {
                        map.forEach((k, v) -> headers.put(wireName + k, headerSafe(FuzzCase.text(v))));
                    }
                }
                default -> {
                    if (m.isPayload()) {
                        payload = m;
                    } else if (document.containsKey(m.name())) {
                        body.put(m.name(), value);
                    }
                }
            }
        }
        byte[] bytes = body(service, input, payload, payload == null ? body : document.get(payload.name()), headers,
                payload != null && document.containsKey(payload.name()));
        String target = path + (query.isEmpty() ? "" : "?" + QueryForms.pairs(query));
        return new WireRequest(op.httpMethod(), target, headers, bytes);
    }

    private static byte[] body(ServedService service, Shape input, Member payload, Object value, Map<String, String> headers,
                               boolean payloadPresent) {
        if (payload == null) {
            if (service.protocol() == ServedService.Protocol.REST_XML || ((Map<?, ?>) value).isEmpty()) {
                return new byte[0];
            }
            headers.put("Content-Type", "application/json");
            return JsonBodies.write(input, value);
        }
        if (!payloadPresent) {
            return new byte[0];
        }
        ShapeType type = payload.target().type();
        if (type == ShapeType.BLOB || type == ShapeType.STRING) {
            headers.putIfAbsent("Content-Type", "application/octet-stream");
            return value instanceof byte[] bytes ? bytes : FuzzCase.text(value).getBytes(StandardCharsets.UTF_8);
        }
        if (service.protocol() == ServedService.Protocol.REST_XML) {
            headers.put("Content-Type", "application/xml");
            return XmlBodies.write(payload, value).getBytes(StandardCharsets.UTF_8);
        }
        headers.put("Content-Type", "application/json");
        return JsonBodies.write(payload.target(), value);
    }

    /** Fills {@code {Name}} (escaped) or {@code {Name+}} (a greedy label: slashes stay). */
    private static String label(String path, String name, Object value) {
        String text = FuzzCase.text(value);
        String greedy = "{" + name + "+}";
        if (path.contains(greedy)) {
            return path.replace(greedy, escape(text).replace("%2F", "/"));
        }
        return path.replace("{" + name + "}", escape(text));
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Header values cannot carry line breaks or NULs on the wire; keep the rest of the mutation. */
    private static String headerSafe(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), 8_192));
        for (int i = 0; i < s.length() && out.length() < 8_192; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f || c > 0xff ? '?' : c);
        }
        return out.toString();
    }
}
