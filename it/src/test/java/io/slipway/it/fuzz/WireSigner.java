package io.slipway.it.fuzz;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * SigV4 for requests exactly as they go on the wire, in the header form or as a presigned URL,
 * written from AWS's signing documentation rather than taken from Slipway: the fuzz suites'
 * signatures then test Slipway's verifier instead of agreeing with it by construction. Signs
 * {@code host}, {@code x-amz-date} and whichever of {@code x-amz-content-sha256} and
 * {@code x-amz-security-token} the request carries; S3 requests get {@code x-amz-content-sha256}
 * (the body's hash) when they have none, as the SDKs send it.
 *
 * @param service the signing name the credential scope names
 */
record WireSigner(String accessKey, String secret, String region, String service) {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    WireSigner(String accessKey, String secret, String service) {
        this(accessKey, secret, "us-east-1", service);
    }

    WireSigner forService(String other) {
        return new WireSigner(accessKey, secret, region, other);
    }

    WireSigner withKey(String otherKey, String otherSecret) {
        return new WireSigner(otherKey, otherSecret, region, service);
    }

    /** The request with {@code X-Amz-Date} and an {@code Authorization} header for {@code at}, replacing any it had. */
    WireRequest sign(WireRequest request, Instant at) {
        Map<String, String> headers = unsigned(request);
        String date = AMZ_DATE.format(at);
        headers.put("X-Amz-Date", date);
        if (service.equals("s3") && header(headers, "x-amz-content-sha256") == null) {
            headers.put("x-amz-content-sha256", hex(sha256(request.body())));
        }
        WireRequest dated = new WireRequest(request.method(), request.target(), headers, request.body());
        String declared = header(headers, "x-amz-content-sha256");
        List<String> signed = new ArrayList<>(List.of("host", "x-amz-date"));
        for (String optional : List.of("x-amz-content-sha256", "x-amz-security-token")) {
            if (header(headers, optional) != null) {
                signed.add(optional);
            }
        }
        signed.sort(null);
        String canonical = canonicalRequest(dated, signed, declared != null ? declared : hex(sha256(request.body())));
        return dated.withHeader("Authorization", ALGORITHM + " Credential=" + accessKey + "/" + scope(at)
                + ", SignedHeaders=" + String.join(";", signed) + ", Signature=" + signature(canonical, at));
    }

    /**
     * The request as a presigned URL for {@code at}: the {@code X-Amz-*} parameters appended to its
     * query, {@code host} the one signed header, S3's payload unsigned, any other's the body's hash.
     *
     * @param expires X-Amz-Expires as sent (any text)
     */
    WireRequest presign(WireRequest request, Instant at, String expires) {
        Map<String, String> headers = unsigned(request);
        String target = request.target() + (request.target().contains("?") ? "&" : "?")
                + "X-Amz-Algorithm=" + ALGORITHM + "&X-Amz-Credential=" + encode(accessKey + "/" + scope(at), true)
                + "&X-Amz-Date=" + AMZ_DATE.format(at) + "&X-Amz-Expires=" + encode(expires, true)
                + "&X-Amz-SignedHeaders=host";
        WireRequest unsigned = new WireRequest(request.method(), target, headers, request.body());
        String canonical = canonicalRequest(unsigned, List.of("host"),
                service.equals("s3") ? "UNSIGNED-PAYLOAD" : hex(sha256(request.body())));
        return unsigned.withTarget(target + "&X-Amz-Signature=" + signature(canonical, at));
    }

    /** The request's headers without a signature or date it carried. */
    private static Map<String, String> unsigned(WireRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Authorization") && !k.equalsIgnoreCase("X-Amz-Date")) {
                headers.put(k, v);
            }
        });
        return headers;
    }

    private String scope(Instant at) {
        return AMZ_DATE.format(at).substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    }

    private String signature(String canonicalRequest, Instant at) {
        String stringToSign = ALGORITHM + "\n" + AMZ_DATE.format(at) + "\n" + scope(at) + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), AMZ_DATE.format(at).substring(0, 8));
        for (String part : List.of(region, service, "aws4_request")) {
            key = hmac(key, part);
        }
        return hex(hmac(key, stringToSign));
    }

    private String canonicalRequest(WireRequest request, List<String> signedHeaders, String payloadHash) {
        int q = request.target().indexOf('?');
        String path = q < 0 ? request.target() : request.target().substring(0, q);
        StringBuilder sb = new StringBuilder().append(request.method()).append('\n')
                .append(canonicalPath(path.isEmpty() ? "/" : path)).append('\n')
                .append(canonicalQuery(q < 0 ? "" : request.target().substring(q + 1))).append('\n');
        for (String name : signedHeaders) {
            String value = name.equals("host") ? header(request.headers(), "host") : header(request.headers(), name);
            sb.append(name).append(':').append(value.trim().replaceAll("\\s+", " ")).append('\n');
        }
        return sb.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash).toString();
    }

    /**
     * S3 signs each segment as sent (decoded, then encoded once); the other services remove dot and
     * empty segments and encode the path once more than it was sent.
     */
    private String canonicalPath(String path) {
        if (service.equals("s3")) {
            List<String> out = new ArrayList<>();
            for (String segment : path.split("/", -1)) {
                out.add(encode(decode(segment), true));
            }
            return String.join("/", out);
        }
        List<String> kept = new ArrayList<>();
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.removeLast();
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
        }
        String last = segments[segments.length - 1];
        boolean trailing = !kept.isEmpty() && (last.isEmpty() || last.equals(".") || last.equals(".."));
        return encode("/" + String.join("/", kept) + (trailing ? "/" : ""), false);
    }

    /** Each parameter decoded and encoded again, sorted by name, then value; a presigned URL's own signature left out. */
    private static String canonicalQuery(String query) {
        TreeMap<String, List<String>> params = new TreeMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = encode(decode(eq < 0 ? pair : pair.substring(0, eq)), true);
            if (!name.equals("X-Amz-Signature")) {
                params.computeIfAbsent(name, k -> new ArrayList<>()).add(encode(decode(eq < 0 ? "" : pair.substring(eq + 1)), true));
            }
        }
        List<String> out = new ArrayList<>();
        params.forEach((name, values) -> values.stream().sorted().forEach(v -> out.add(name + "=" + v)));
        return String.join("&", out);
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** RFC 3986 unreserved characters kept, everything else as %XX of its UTF-8 bytes. */
    static String encode(String text, boolean slash) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-_.~".indexOf(c) >= 0 || c == '/' && !slash) {
                sb.append(c);
            } else {
                sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return sb.toString();
    }

    /** Percent-escapes decoded as UTF-8; a {@code %} without two hex digits after it is itself (nothing says more). */
    private static String decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && Character.digit(bytes[i + 1], 16) >= 0
                    && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
