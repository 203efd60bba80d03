package io.slipway.ssm.parameter;

import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.Tx;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.ssm.GetParameterHistoryResult;
import io.slipway.model.ssm.GetParametersResult;
import io.slipway.model.ssm.Parameter;
import io.slipway.model.ssm.ParameterHistory;
import io.slipway.model.ssm.ParameterType;
import io.slipway.ssm.store.SsmStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.slipway.model.ssm.SsmErrors.INVALID_NEXT_TOKEN;
import static io.slipway.model.ssm.SsmErrors.PARAMETER_NOT_FOUND;
import static io.slipway.model.ssm.SsmErrors.PARAMETER_VERSION_NOT_FOUND;

/**
 * Parameters read: GetParameter and GetParameters with their {@code name:version} and
 * {@code name:label} selectors, and GetParameterHistory. A SecureString's value is its plain text
 * only when the caller asks for decryption.
 */
public final class ParameterReads {
    public static final int HISTORY_PAGE = 50;
    private final SsmStore store;

    public ParameterReads(SsmStore store) {
        this.store = store;
    }

    /** One version a reference selects, found with the parameter that holds it. */
    record Selected(StoredParameter parameter, ParameterHistory version, Optional<String> selector) {
    }

    public Parameter get(Namespace ns, String reference, boolean decrypt) {
        // AWS answers an unknown name with ParameterNotFound and no message. UNVERIFIED
        Selected s = store.inTransaction(tx -> select(tx, ns, reference))
                .orElseThrow(() -> PARAMETER_NOT_FOUND.exception(""));
        return parameter(ns, s, decrypt);
    }

    /** GetParameters: the parameters found, in the order asked, and the names that select nothing. */
    public GetParametersResult getAll(Namespace ns, List<String> references, boolean decrypt) {
        Map<String, Optional<Selected>> found = new LinkedHashMap<>();
        store.inTransaction(tx -> {
            for (String reference : references) {
                if (!found.containsKey(reference)) {
                    found.put(reference, selectOrEmpty(tx, ns, reference));
                }
            }
            return null;
        });
        List<Parameter> parameters = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        found.forEach((reference, s) -> {
            if (s.isPresent()) {
                parameters.add(parameter(ns, s.get(), decrypt));
            } else {
                invalid.add(reference);
            }
        });
        return new GetParametersResult(parameters, invalid);
    }

    /** The version a reference selects, decrypted, for readers inside Slipway (CloudFormation); empty when there is none. */
    public Optional<Parameter> find(Namespace ns, String reference) {
        return store.inTransaction(tx -> selectOrEmpty(tx, ns, reference)).map(s -> parameter(ns, s, true));
    }

    public GetParameterHistoryResult history(Namespace ns, String reference, boolean decrypt, Integer maxResults,
                                             String nextToken) {
        String key = ParameterNames.fromReference(ns, reference).map(ParameterNames::key)
                .orElseThrow(() -> notFound(reference));
        String list = "history|" + key;
        Optional<String> after = Optional.ofNullable(nextToken).map(t -> PageToken.decode(list, t)
                .orElseThrow(() -> INVALID_NEXT_TOKEN.exception("The specified token is not valid.")));
        return store.inTransaction(tx -> {
            StoredParameter p = store.get(tx, StoredParameter.TYPE, ns, key).orElseThrow(() -> notFound(reference)).value();
            DocumentStore.Page<ParameterHistory> page = store.list(tx, StoredParameter.VERSION, ns, Optional.of(key),
                    after, Objects.requireNonNullElse(maxResults, HISTORY_PAGE));
            List<ParameterHistory> versions = page.items().stream().map(v -> {
                ParameterHistory h = v.value();
                List<String> labels = p.labelsOf(h.version());
                return h.toBuilder().value(shown(ns, key, h, decrypt)).labels(labels).build();
            }).toList();
            return new GetParameterHistoryResult(versions, page.nextAfterId().map(id -> PageToken.encode(list, id))
                    .orElse(null));
        });
    }

    /** What a client sees of a version: a SecureString's value as ciphertext unless it asked for decryption. */
    static String shown(Namespace ns, String key, ParameterHistory version, boolean decrypt) {
        return version.type() == ParameterType.SECURE_STRING && !decrypt
                ? ParameterValues.ciphertext(ns.account(), key, version.version(), version.value()) : version.value();
    }

    static Parameter parameter(Namespace ns, Selected s, boolean decrypt) {
        ParameterHistory v = s.version();
        return new Parameter(s.parameter().name(), v.type(), shown(ns, ParameterNames.key(v.name()), v, decrypt),
                v.version(), s.selector().orElse(null), null, v.lastModifiedDate(), ParameterNames.arn(ns, v.name()),
                v.dataType());
    }

    private Optional<Selected> selectOrEmpty(Tx tx, Namespace ns, String reference) {
        try {
            return select(tx, ns, reference);
        } catch (AwsException e) { // a version that does not exist: GetParameters lists it as invalid
            return Optional.empty();
        }
    }

    /** The version {@code name}, {@code name:version} or {@code name:label} (or its ARN) selects; empty when the name is unknown. */
    Optional<Selected> select(Tx tx, Namespace ns, String reference) {
        Optional<String> named = ParameterNames.fromReference(ns, reference);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        String name = named.get();
        int colon = name.indexOf(':');
        Optional<String> selector = colon < 0 ? Optional.empty() : Optional.of(name.substring(colon));
        String key = ParameterNames.key(colon < 0 ? name : name.substring(0, colon));
        if (selector.isPresent() && (selector.get().length() < 2 || selector.get().indexOf(':', 1) >= 0)) {
            return Optional.empty();
        }
        Optional<StoredParameter> found = store.get(tx, StoredParameter.TYPE, ns, key).map(v -> v.value());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredParameter p = found.get();
        if (selector.isEmpty()) {
            return Optional.of(new Selected(p, p.latest(), selector));
        }
        String choice = selector.get().substring(1);
        Optional<Long> version = choice.chars().allMatch(Character::isDigit) && choice.length() < 19
                ? Optional.of(Long.parseLong(choice)) : Optional.empty();
        if (version.isEmpty()) {
            Long labelled = p.labels().get(choice);
            return labelled == null ? Optional.empty()
                    : Optional.of(new Selected(p, version(tx, ns, key, p, labelled), selector));
        }
        return Optional.of(new Selected(p, version(tx, ns, key, p, version.get()), selector));
    }

    /** One kept version; ParameterVersionNotFound for one never made or no longer kept. */
    ParameterHistory version(Tx tx, Namespace ns, String key, StoredParameter p, long version) {
        if (version == p.version()) {
            return p.latest();
        }
        return store.get(tx, StoredParameter.VERSION, ns, StoredParameter.versionKey(key, version))
                .map(v -> v.value()).orElseThrow(() -> versionNotFound(p.name(), version));
    }

    static AwsException versionNotFound(String name, long version) {
        return PARAMETER_VERSION_NOT_FOUND.exception("Systems Manager could not find version " + version + " of " + name
                + ". Verify the version and try again.");
    }

    static AwsException notFound(String reference) {
        return PARAMETER_NOT_FOUND.exception("Parameter " + reference + " not found.");
    }
}
