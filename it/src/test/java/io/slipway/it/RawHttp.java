package io.slipway.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Hand-made requests, for what no SDK would send: malformed bodies, wrong headers, unknown operations. */
public final class RawHttp {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private RawHttp() {
    }

    static HttpResponse<String> post(String endpoint, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    static HttpResponse<String> put(String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    static HttpResponse<String> send(String method, String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public static HttpResponse<String> get(String url, String... headers) {
        return request("GET", url, headers);
    }

    /** A GET whose body is kept as bytes (a zip, say). */
    static HttpResponse<byte[]> bytes(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A bodiless request with any method. */
    static HttpResponse<String> request(String method, String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** A SigV4-shaped Authorization header for a key's credential scope (Slipway reads the scope; it does not verify). */
    public static String[] signedAs(String accessKeyId, String region) {
        return new String[] {"Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/20260301/" + region
                + "/codedeploy/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64)};
    }

    /** An awsJson1_1 call the SDK no longer offers (CodeDeploy's deprecated instance operations), unsigned: the default account. */
    public static HttpResponse<String> json(String endpoint, String target, String body) {
        return post(endpoint, body, "Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target);
    }

    static HttpResponse<String> query(String endpoint, String form) {
        return post(endpoint, form, "Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An answer read off a raw connection: the status line, headers by lower-case name (first value),
     * the body read by its Content-Length (or to the end when there is none), and whether the server
     * closed the connection after it.
     */
    record Reply(String statusLine, int status, Map<String, String> headers, String body, boolean closed) {
        String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }
    }

    /** Sends {@code request} as it is on a fresh connection and reads one answer. */
    static Reply raw(String endpoint, String request) {
        return raw(endpoint, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Reply raw(String endpoint, byte[] request) {
        try (Socket socket = connect(endpoint)) {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return read(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain connection to the endpoint's host and port, whose reads give up after 5 s. */
    static Socket connect(String endpoint) throws IOException {
        URI uri = URI.create(endpoint);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** Reads one answer from an open connection; {@code closed} is checked with a short wait. */
    static Reply read(Socket socket) throws IOException {
        return read(socket, true);
    }

    /** Reads one answer; without {@code checkClosed}, {@code closed} is false and nothing more is read. */
    static Reply read(Socket socket, boolean checkClosed) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed before a whole answer head: " + head);
            }
            head.write(c);
            matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : c == '\r' ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String length = headers.get("content-length");
        byte[] body = length != null ? in.readNBytes(Integer.parseInt(length))
                : headers.containsKey("transfer-encoding") || status < 200 || status == 204 ? new byte[0] : in.readAllBytes();
        if (!checkClosed) {
            return new Reply(lines[0], status, headers, new String(body, StandardCharsets.UTF_8), false);
        }
        boolean closed;
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(1_000);
        try {
            closed = in.read() < 0;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (IOException e) {
            closed = true; // reset by the server
        } finally {
            socket.setSoTimeout(previous);
        }
        return new Reply(lines[0], status, headers, new String(body, StandardCharsets.UTF_8), closed);
    }
}
