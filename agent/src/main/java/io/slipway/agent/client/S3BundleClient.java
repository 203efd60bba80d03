package io.slipway.agent.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a revision's bundle with a path-style S3 GetObject against the agent's endpoint, signed
 * for {@code s3} with an unsigned payload, streamed to disk.
 */
public final class S3BundleClient {
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
    private static final Pattern PLAIN_MD5 = Pattern.compile("[0-9a-fA-F]{32}");

    private final SignedRequests requests;

    public S3BundleClient(HttpClient http, URI endpoint, Credentials credentials, String region, Clock clock) {
        this.requests = new SignedRequests(http, endpoint, credentials, region, "s3", clock);
    }

    /**
     * Writes the object to {@code target}. An {@code etag} that is a plain MD5 (not a multipart
     * upload's) is checked against what arrived.
     */
    public void download(String bucket, String key, Optional<String> version, Optional<String> etag, Path target)
            throws IOException, InterruptedException {
        String location = "s3://" + bucket + "/" + key;
        URI uri = URI.create(requests.endpoint() + SigV4Signer.uriEncode(bucket, false) + "/" + SigV4Signer.uriEncode(key, true)
                + version.map(v -> "?versionId=" + SigV4Signer.uriEncode(v, false)).orElse(""));
        HttpResponse<InputStream> response = requests.send("GET", uri, Map.of("x-amz-content-sha256", SigV4Signer.UNSIGNED_PAYLOAD),
                null, SigV4Signer.UNSIGNED_PAYLOAD, Duration.ofSeconds(60), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest md5 = md5();
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                String xml = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                throw new IOException("Could not download the bundle " + location + ": HTTP " + response.statusCode()
                        + " " + first(XML_CODE, xml) + " " + first(XML_MESSAGE, xml));
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                new DigestInputStream(body, md5).transferTo(out);
            }
        }
        Optional<String> expected = etag.map(e -> e.replace("\"", "")).filter(e -> PLAIN_MD5.matcher(e).matches());
        String actual = HexFormat.of().formatHex(md5.digest());
        if (expected.isPresent() && !expected.get().equalsIgnoreCase(actual)) {
            throw new IOException("Expected deployment artifact bundle etag " + etag.get() + " but was actually " + actual);
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
