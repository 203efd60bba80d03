package io.slipway.ssm.parameter;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Versioned;
import io.slipway.model.ssm.LabelParameterVersionResult;
import io.slipway.model.ssm.UnlabelParameterVersionResult;
import io.slipway.ssm.store.SsmStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static io.slipway.model.ssm.SsmErrors.PARAMETER_VERSION_LABEL_LIMIT_EXCEEDED;

/**
 * Labels: names for versions. A label sits on one version of a parameter at a time (labelling
 * another version moves it), a version has at most 10, and a label that breaks the naming rules
 * is handed back as invalid rather than refused with an error.
 */
public final class ParameterLabels {
    public static final int MAX_LABELS_PER_VERSION = 10;
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9_.\\-]+");
    private final SsmStore store;
    private final ParameterReads reads;

    public ParameterLabels(SsmStore store, ParameterReads reads) {
        this.store = store;
        this.reads = reads;
    }

    /** LabelParameterVersion: the latest version unless one is named. */
    public LabelParameterVersionResult label(Namespace ns, String reference, Long version, List<String> labels) {
        return SsmStore.retried(() -> store.inTransaction(tx -> {
            String key = key(ns, reference);
            Versioned<StoredParameter> current = current(tx, ns, key, reference);
            StoredParameter p = current.value();
            long target = version == null ? p.version() : version;
            reads.version(tx, ns, key, p, target);
            List<String> invalid = new ArrayList<>();
            Map<String, Long> next = new HashMap<>(p.labels());
            for (String label : new LinkedHashSet<>(labels)) {
                if (valid(label)) {
                    next.put(label, target);
                } else {
                    invalid.add(label);
                }
            }
            if (next.values().stream().filter(v -> v == target).count() > MAX_LABELS_PER_VERSION) {
                throw PARAMETER_VERSION_LABEL_LIMIT_EXCEEDED.exception("A parameter version can have maximum "
                        + MAX_LABELS_PER_VERSION + " labels. Move one or more labels to another version and try again.");
            }
            store.replace(tx, StoredParameter.TYPE, ns, key, current, p.withLabels(next));
            return new LabelParameterVersionResult(invalid, target);
        }));
    }

    /** UnlabelParameterVersion: removes the labels that are on the version; the others come back as invalid. */
    public UnlabelParameterVersionResult unlabel(Namespace ns, String reference, long version, List<String> labels) {
        return SsmStore.retried(() -> store.inTransaction(tx -> {
            String key = key(ns, reference);
            Versioned<StoredParameter> current = current(tx, ns, key, reference);
            StoredParameter p = current.value();
            reads.version(tx, ns, key, p, version);
            List<String> removed = new ArrayList<>();
            List<String> invalid = new ArrayList<>();
            Map<String, Long> next = new HashMap<>(p.labels());
            for (String label : new LinkedHashSet<>(labels)) {
                Long on = next.get(label);
                if (on != null && on == version) {
                    next.remove(label);
                    removed.add(label);
                } else {
                    invalid.add(label);
                }
            }
            if (!removed.isEmpty()) {
                store.replace(tx, StoredParameter.TYPE, ns, key, current, p.withLabels(next));
            }
            return new UnlabelParameterVersionResult(removed, invalid);
        }));
    }

    /** Letters, digits, {@code .-_}; not starting with a digit, {@code aws} or {@code ssm} (any case). */
    static boolean valid(String label) {
        String lower = label.toLowerCase(Locale.ROOT);
        return LABEL.matcher(label).matches() && !Character.isDigit(label.charAt(0)) && !lower.startsWith("aws")
                && !lower.startsWith("ssm");
    }

    private Versioned<StoredParameter> current(io.slipway.engine.store.Tx tx, Namespace ns, String key, String reference) {
        return store.get(tx, StoredParameter.TYPE, ns, key).orElseThrow(() -> ParameterReads.notFound(reference));
    }

    private static String key(Namespace ns, String reference) {
        return ParameterNames.fromReference(ns, reference).map(ParameterNames::key)
                .orElseThrow(() -> ParameterReads.notFound(reference));
    }
}
