package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AutoPublishAlias: the version {@code <Fn>Version<10 hex>} and the alias {@code <Fn>Alias<name>}
 * ({@code -} written {@code D}, {@code _} written {@code U}). The hex digits are SAM's: the SHA-1 of
 * the function's Code (parameters resolved) with its Environment and MemorySize (and SnapStart when it
 * applies), or of all its properties with AutoPublishAliasAllProperties, or the first 10 characters of
 * AutoPublishCodeSha256 when given. A new hash is a new logical id, so CloudFormation publishes a new
 * version and moves the alias; the old version is kept (DeletionPolicy Retain unless told otherwise).
 */
final class FunctionVersions {
    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9\\-_]+)$");

    /** The version and alias logical ids. */
    record Published(String versionId, String aliasId) {
    }

    private FunctionVersions() {
    }

    /** The alias's name: a string, or a Ref to a parameter. */
    static String aliasName(ServerlessResource fn, Expansion out) {
        Object resolved = out.resolveParameters(fn.property("AutoPublishAlias"));
        if (!(resolved instanceof String name)) {
            throw ServerlessErrors.invalidResource(fn.logicalId(), "'AutoPublishAlias' must be a string or a Ref to a template parameter");
        }
        return name;
    }

    /** The code hash given by AutoPublishCodeSha256 (parameters resolved), or null. */
    static String codeSha256(ServerlessResource fn, Expansion out) {
        Object given = fn.property("AutoPublishCodeSha256");
        if (given == null) {
            return null;
        }
        if (!(out.resolveParameters(given) instanceof String sha)) {
            throw ServerlessErrors.invalidResource(fn.logicalId(), "AutoPublishCodeSha256 must be a string");
        }
        return sha;
    }

    /**
     * Adds the version and the alias.
     *
     * @param function the generated function's properties as they are before its role is filled in
     */
    static Published publish(ServerlessResource fn, String aliasName, String codeSha256, Map<String, Object> function,
                             Expansion out) {
        String id = fn.logicalId();
        // SAM resolves the code's parameter references in place before hashing, so the function's
        // Code shows the resolved values too
        function.put("Code", out.resolveParameters(function.get("Code")));
        String hash = codeSha256 != null ? codeSha256.substring(0, Math.min(SamHashes.LENGTH, codeSha256.length()))
                : SamHashes.suffix(hashed(fn, function, out));
        String versionId = id + "Version" + hash;
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("FunctionName", Map.of("Ref", id));
        ExecutionRoles.putIfPresent(version, "Description", fn.property("VersionDescription"));
        Map<String, Object> versionResource = out.add(versionId, "AWS::Lambda::Version", version, fn);
        if (!fn.attributes().containsKey("DeletionPolicy")) {
            Object policy = fn.property("VersionDeletionPolicy");
            versionResource.put("DeletionPolicy", policy != null ? policy : "Retain");
        }
        if (aliasName.isEmpty()) {
            throw ServerlessErrors.invalidResource(id, "Alias name is required to create an alias");
        }
        if (!ALIAS.matcher(aliasName).lookingAt()) {
            throw ServerlessErrors.invalidResource(id, "AutoPublishAlias name ('" + aliasName + "') must contain only "
                    + "alphanumeric characters, hyphens, or underscores matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.");
        }
        String aliasId = id + "Alias" + aliasName.replace("-", "D").replace("_", "U");
        Map<String, Object> alias = new LinkedHashMap<>();
        alias.put("Name", aliasName);
        alias.put("FunctionName", Map.of("Ref", id));
        alias.put("FunctionVersion", Map.of("Fn::GetAtt", List.of(versionId, "Version")));
        ExecutionRoles.putIfPresent(alias, "ProvisionedConcurrencyConfig", fn.property("ProvisionedConcurrencyConfig"));
        out.add(aliasId, "AWS::Lambda::Alias", alias, fn);
        out.refer(id, "Alias", aliasId);
        out.refer(id, "Version", versionId);
        return new Published(versionId, aliasId);
    }

    /** What SAM hashes for the version's logical id. */
    private static Map<String, Object> hashed(ServerlessResource fn, Map<String, Object> function, Expansion out) {
        if (Boolean.TRUE.equals(fn.property("AutoPublishAliasAllProperties"))) {
            Map<String, Object> all = new LinkedHashMap<>(function);
            if (function.get("Layers") instanceof List<?> layers) {
                for (Object layer : layers) {
                    String layerId = logicalIdOf(layer);
                    Map<String, Object> resource = layerId == null ? null : out.original(layerId);
                    if (resource != null && resource.get("Properties") instanceof Map<?, ?> props
                            && Boolean.TRUE.equals(props.get("PublishLambdaVersion"))) {
                        all.put(layerId, props);
                    }
                }
            }
            return all;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (function.get("Code") instanceof Map<?, ?> code) {
            code.forEach((k, v) -> data.put(String.valueOf(k), v));
        }
        if (function.get("Environment") instanceof Map<?, ?> environment) {
            environment.forEach((k, v) -> data.put(String.valueOf(k), v));
        }
        Object memory = function.get("MemorySize");
        if (memory != null && !(memory instanceof Number n && n.doubleValue() == 0) && !"".equals(memory)) {
            data.put("MemorySize", memory);
        }
        if (function.get("SnapStart") instanceof Map<?, ?> snapStart
                && !"None".equals(snapStart.containsKey("ApplyOn") ? snapStart.get("ApplyOn") : "None")) {
            data.put("SnapStart", snapStart);
        }
        return data;
    }

    /** The resource a Ref or GetAtt names, or null. */
    private static String logicalIdOf(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            if (map.get("Ref") instanceof String ref) {
                return ref;
            }
            if (map.get("Fn::GetAtt") instanceof List<?> att && !att.isEmpty() && att.getFirst() instanceof String first) {
                return first.split("\\.")[0];
            }
            if (map.get("Fn::GetAtt") instanceof String att) {
                return att.split("\\.")[0];
            }
        }
        return null;
    }
}
