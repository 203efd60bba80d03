package io.slipway.iam.policy;

import io.slipway.iam.IamArns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies every account sees and may attach, read once from
 * {@code aws-managed-policies.json}: data, not code, so adding one is one entry in that file.
 */
public final class AwsManagedPolicies {
    private static final String RESOURCE = "/io/slipway/iam/aws-managed-policies.json";
    private final Map<String, AwsManagedPolicy> byArn;
    private final List<AwsManagedPolicy> sorted;

    /**
     * One AWS managed policy at its default version.
     *
     * @param document the default version's document, compact JSON
     */
    public record AwsManagedPolicy(String name, String policyId, String path, String defaultVersionId,
                                   Instant createDate, Instant updateDate, String document) {
        public String arn() {
            return IamArns.policy(IamArns.AWS, path, name);
        }
    }

    private AwsManagedPolicies(List<AwsManagedPolicy> policies) {
        Map<String, AwsManagedPolicy> map = new LinkedHashMap<>();
        policies.stream().sorted(Comparator.comparing(AwsManagedPolicy::name)).forEach(p -> map.put(p.arn(), p));
        this.byArn = Map.copyOf(map);
        this.sorted = List.copyOf(map.values());
    }

    /** The catalogue shipped with Slipway. */
    public static AwsManagedPolicies load() {
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AwsManagedPolicies parse(String json) {
        Map<String, Object> root = PolicyJson.object(json)
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " is not a JSON object"));
        List<AwsManagedPolicy> out = ((List<?>) root.get("Policies")).stream().map(o -> {
            Map<?, ?> p = (Map<?, ?>) o;
            String document = PolicyJson.write(p.get("Document"));
            PolicyGrammar.check(document, PolicyGrammar.Kind.MANAGED);
            return new AwsManagedPolicy((String) p.get("PolicyName"), (String) p.get("PolicyId"), (String) p.get("Path"),
                    (String) p.get("DefaultVersionId"), Instant.parse((String) p.get("CreateDate")),
                    Instant.parse((String) p.get("UpdateDate")), document);
        }).toList();
        return new AwsManagedPolicies(out);
    }

    public Optional<AwsManagedPolicy> byArn(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    /** All of them, by name. */
    public List<AwsManagedPolicy> all() {
        return sorted;
    }
}
