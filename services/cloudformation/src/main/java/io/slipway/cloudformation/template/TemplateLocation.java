package io.slipway.cloudformation.template;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The S3 object a TemplateURL (or an {@code AWS::Include} Location, or a nested stack's TemplateURL)
 * names. AWS's forms map to Slipway's own S3: path style on {@code s3.amazonaws.com},
 * {@code s3.<region>.amazonaws.com} and {@code s3-<region>.amazonaws.com}; virtual-host style on
 * {@code <bucket>.s3.amazonaws.com}, {@code <bucket>.s3.<region>.amazonaws.com} and
 * {@code <bucket>.s3-<region>.amazonaws.com}; and Slipway's own address (loopback, {@code localhost},
 * the host it serves on) path style, or {@code <bucket>.localhost} / {@code <bucket>.s3.localhost}
 * virtual-host style, as Slipway's S3 routes them. Any other URL is not one CloudFormation reads.
 */
public record TemplateLocation(String bucket, String key) {
    public static final String UNSUPPORTED = "TemplateURL must be a supported URL.";
    private static final Pattern S3_PATH_HOST = Pattern.compile("s3([.-][a-z0-9-]+)?(\\.dualstack\\.[a-z0-9-]+)?\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern S3_VIRTUAL_HOST = Pattern.compile("(.+)\\.s3([.-][a-z0-9-]+)?(\\.dualstack\\.[a-z0-9-]+)?\\.amazonaws\\.com(\\.cn)?");

    /**
     * @param url      an http(s) URL (or {@code s3://bucket/key} when {@code s3Scheme})
     * @param ownHost  the host Slipway serves on, lower case, without port (also accepted path style)
     */
    public static Optional<TemplateLocation> parse(String url, String ownHost, boolean s3Scheme) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (scheme.equals("s3") && s3Scheme && uri.getRawAuthority() != null) {
            return object(uri.getRawAuthority(), path);
        }
        if (!scheme.equals("http") && !scheme.equals("https") || host.isEmpty()) {
            return Optional.empty();
        }
        var virtual = S3_VIRTUAL_HOST.matcher(host);
        if (virtual.matches() && !virtual.group(1).isEmpty() && !S3_PATH_HOST.matcher(host).matches()) {
            return object(virtual.group(1), path);
        }
        if (S3_PATH_HOST.matcher(host).matches() || own(host, ownHost)) {
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            return slash <= 0 ? Optional.empty() : object(rest.substring(0, slash), rest.substring(slash));
        }
        for (String suffix : new String[] {".s3.localhost", ".localhost"}) {
            if (host.endsWith(suffix) && host.length() > suffix.length()) {
                return object(host.substring(0, host.length() - suffix.length()), path);
            }
        }
        return Optional.empty();
    }

    private static boolean own(String host, String ownHost) {
        return host.equals(ownHost) || host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                || host.equals("::1") || host.startsWith("127.");
    }

    private static Optional<TemplateLocation> object(String bucket, String rawKeyPath) {
        String key = rawKeyPath.startsWith("/") ? rawKeyPath.substring(1) : rawKeyPath;
        if (bucket.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        try {
            // '+' is a literal in a URL's path; only %XX escapes are decoded
            return Optional.of(new TemplateLocation(bucket, URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
