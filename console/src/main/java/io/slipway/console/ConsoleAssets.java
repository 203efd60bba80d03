package io.slipway.console;

import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.admin.AdminEndpoints;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's static files, built into the jar and listed in {@code assets.txt} (no classpath
 * scanning), each served at {@code /_slipway/console/<name>} and the page itself at
 * {@code /_slipway/console/}. They hold no account's data, so they are served to anyone, in
 * verification mode too: the page signs its own API calls with the keys a person enters. An ETag
 * lets a browser revalidate instead of downloading again.
 */
public final class ConsoleAssets {
    private static final String ROOT = "/io/slipway/console/assets/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    private ConsoleAssets() {
    }

    /** The endpoints, by path, for every listed asset. */
    public static Map<String, AdminEndpoint> endpoints() {
        Map<String, AdminEndpoint> endpoints = new LinkedHashMap<>();
        for (String name : read("assets.txt").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            Asset asset = new Asset(bytes(name), type(name));
            endpoints.put(AdminEndpoints.CONSOLE + name, asset);
            if (name.equals("index.html")) {
                endpoints.put(AdminEndpoints.CONSOLE, asset);
            }
        }
        return endpoints;
    }

    private record Asset(byte[] body, String contentType, String etag) implements AdminEndpoint {
        Asset(byte[] body, String contentType) {
            this(body, contentType, "\"" + sha256(body) + "\"");
        }

        @Override
        public HttpResponse handle(HttpRequest request, RequestContext context) {
            if (etag.equals(request.header("if-none-match"))) {
                return HttpResponse.of(304, contentType, new byte[0]).withHeader("ETag", etag);
            }
            return HttpResponse.of(200, contentType, body).withHeader("ETag", etag)
                    .withHeader("Cache-Control", "no-cache")
                    .withHeader("X-Content-Type-Options", "nosniff")
                    // the console loads nothing from elsewhere and is framed by nobody
                    .withHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        }

        @Override
        public boolean isPublic() {
            return true;
        }
    }

    private static String type(String name) {
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            throw new IllegalStateException("console asset " + name + " has no known content type");
        }
        return type;
    }

    private static String read(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("console asset " + name + " is listed but not built into the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
