package io.slipway.cloudformation.template.serverless;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SAM's {@code CodeUri} / {@code ContentUri}: {@code s3://bucket/key[?versionId=v]} or
 * {@code {Bucket, Key, Version}}, written as Lambda's {@code S3Bucket}/{@code S3Key}/{@code S3ObjectVersion}.
 */
final class CodeLocations {
    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:(ssm|ssm-secure|secretsmanager):[a-zA-Z0-9_.\\-/]+(:\\d+)?}}");

    private CodeLocations() {
    }

    static Map<String, Object> s3(String logicalId, Object location, String property) {
        Object bucket;
        Object key;
        Object version = null;
        if (location instanceof Map<?, ?> map) {
            bucket = map.get("Bucket");
            key = map.get("Key");
            if (blank(bucket) || blank(key)) {
                throw ServerlessErrors.invalidResource(logicalId, "'" + property + "' requires Bucket and Key properties to be specified.");
            }
            version = map.get("Version");
        } else if (location instanceof String uri) {
            var dynamic = DYNAMIC_REFERENCE.matcher(uri);
            if (dynamic.find() && dynamic.group().contains("/")) {
                throw ServerlessErrors.invalidResource(logicalId, "Unsupported dynamic reference detected in '" + property
                        + "'. Please consider using alternative 'FunctionCode' object format.");
            }
            String[] parsed = parse(uri);
            if (parsed == null) {
                throw ServerlessErrors.invalidResource(logicalId, "'" + property + "' is not a valid S3 Uri of the form "
                        + "'s3://bucket/key' with optional versionId query parameter.");
            }
            bucket = parsed[0];
            key = parsed[1];
            version = parsed[2];
        } else {
            throw ServerlessErrors.invalidResource(logicalId, "'" + property + "' must be of type dict or string.");
        }
        Map<String, Object> code = new LinkedHashMap<>();
        code.put("S3Bucket", bucket);
        code.put("S3Key", key);
        if (version != null) {
            code.put("S3ObjectVersion", version);
        }
        return code;
    }

    private static boolean blank(Object value) {
        return value == null || value instanceof String s && s.isEmpty();
    }

    /** Bucket, key and version (or null) of an s3:// URI; null when it is not one. */
    private static String[] parse(String uri) {
        if (!uri.startsWith("s3://")) {
            return null;
        }
        String rest = uri.substring("s3://".length());
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        String query = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return null;
        }
        String version = null;
        int versions = 0;
        if (query != null) {
            for (String pair : query.split("[&;]")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals("versionId") && eq < pair.length() - 1) {
                    versions++;
                    version = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        String key = rest.substring(slash + 1);
        while (key.startsWith("/")) {
            key = key.substring(1);
        }
        return new String[] {rest.substring(0, slash), key, versions == 1 ? version : null};
    }
}
