package io.slipway.ssm.parameter;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.ssm.ParameterHistory;
import io.slipway.model.ssm.ParameterInlinePolicy;
import io.slipway.model.ssm.ParameterTier;
import io.slipway.model.ssm.ParameterType;
import io.slipway.model.ssm.PutParameterRequest;
import io.slipway.model.ssm.PutParameterResult;
import io.slipway.model.ssm.Tag;
import io.slipway.ssm.store.SsmStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.slipway.model.ssm.SsmErrors.HIERARCHY_TYPE_MISMATCH;
import static io.slipway.model.ssm.SsmErrors.PARAMETER_ALREADY_EXISTS;
import static io.slipway.model.ssm.SsmErrors.PARAMETER_MAX_VERSION_LIMIT_EXCEEDED;
import static io.slipway.model.ssm.SsmErrors.PARAMETER_NOT_FOUND;
import static io.slipway.model.ssm.SsmErrors.VALIDATION;

/**
 * Parameters written: PutParameter (a new parameter, or a new version of one) and deletion. Each
 * write replaces the parameter's document, stores the new version on its own, and keeps the
 * path index and tier counts in step, all in one transaction.
 */
public final class Parameters {
    /** The versions Parameter Store keeps of a parameter. */
    public static final int MAX_VERSIONS = 100;
    private final SsmStore store;
    private final SlipwayClock clock;
    private final ParameterTiers tiers;

    public Parameters(SsmStore store, SlipwayClock clock, ParameterTiers tiers) {
        this.store = store;
        this.clock = clock;
        this.tiers = tiers;
    }

    public PutParameterResult put(Namespace ns, PutParameterRequest in) {
        String name = ParameterNames.checkedForPut(in.name());
        String key = ParameterNames.key(name);
        ParameterValues.checkPresent(in.value());
        boolean overwrite = Boolean.TRUE.equals(in.overwrite());
        List<Tag> tags = Objects.requireNonNullElse(in.tags(), List.of());
        if (overwrite && !tags.isEmpty()) {
            throw VALIDATION.exception("Invalid request: tags and overwrite can't be used together. To create a parameter "
                    + "with tags, please remove overwrite flag. To update tags for an existing parameter, please use "
                    + "AddTagsToResource or RemoveTagsFromResource.");
        }
        ParameterTags.check(tags);
        Optional<List<ParameterInlinePolicy>> policies = Optional.ofNullable(in.policies()).map(ParameterPolicies::parse);
        if (in.allowedPattern() != null && !in.allowedPattern().isEmpty()) {
            ParameterValues.allowedPattern(in.allowedPattern());
        }
        return SsmStore.retried(() -> store.inTransaction(tx -> {
            Optional<Versioned<StoredParameter>> current = store.get(tx, StoredParameter.TYPE, ns, key);
            if (current.isPresent() && !overwrite) {
                throw alreadyExists();
            }
            Optional<ParameterHistory> previous = current.map(c -> c.value().latest());
            ParameterHistory next = nextVersion(ns, name, in, previous, policies);
            if (current.isEmpty()) {
                ParameterTier tier = tiers.admit(tx, ns, key, next, Optional.empty());
                next = next.toBuilder().tier(tier).build();
                ParameterValues.checkSize(next.value(), tier);
                create(tx, ns, key, next, tags);
            } else {
                ParameterTier tier = tiers.admit(tx, ns, key, next, previous.map(ParameterHistory::tier));
                next = next.toBuilder().tier(tier).build();
                ParameterValues.checkSize(next.value(), tier);
                overwrite(tx, ns, key, current.get(), next);
            }
            return new PutParameterResult(next.version(), next.tier());
        }));
    }

    /** The version a put makes: what the request sets, what it leaves out kept from the previous version. */
    private ParameterHistory nextVersion(Namespace ns, String name, PutParameterRequest in,
                                         Optional<ParameterHistory> previous,
                                         Optional<List<ParameterInlinePolicy>> policies) {
        ParameterType type = in.type() != null ? in.type() : previous.map(ParameterHistory::type).orElseThrow(() ->
                VALIDATION.exception("A parameter type is required when you create a parameter."));
        if (previous.isPresent() && previous.get().type() != type) {
            throw HIERARCHY_TYPE_MISMATCH.exception("The parameter type can't be changed. Parameter " + previous.get().name()
                    + " is a " + previous.get().type() + "; create a new parameter for a " + type + " value."); // UNVERIFIED wording
        }
        String keyId = null;
        if (type == ParameterType.SECURE_STRING) {
            keyId = in.keyId() != null ? in.keyId()
                    : previous.map(ParameterHistory::keyId).orElse(ParameterValues.DEFAULT_KEY);
            ParameterValues.checkKeyId(keyId);
        } else if (in.keyId() != null) {
            throw VALIDATION.exception("KeyId is required for SecureString type parameter only."); // UNVERIFIED wording
        }
        String pattern = in.allowedPattern() != null ? in.allowedPattern()
                : previous.map(ParameterHistory::allowedPattern).orElse(null);
        ParameterValues.checkPattern(in.value(), pattern);
        String dataType = in.dataType() != null && !in.dataType().isEmpty() ? in.dataType()
                : previous.map(ParameterHistory::dataType).orElse(ParameterValues.TEXT);
        ParameterValues.checkDataType(dataType, type, in.value());
        List<ParameterInlinePolicy> kept = policies.orElseGet(() ->
                previous.map(ParameterHistory::policies).orElse(List.of()));
        long version = previous.map(p -> p.version() + 1).orElse(1L);
        return ParameterHistory.builder().name(previous.map(ParameterHistory::name).orElse(name)).type(type).keyId(keyId)
                .lastModifiedDate(clock.now()).lastModifiedUser("arn:aws:iam::" + ns.account() + ":root")
                .description(in.description() != null ? in.description()
                        : previous.map(ParameterHistory::description).orElse(null))
                .value(in.value()).allowedPattern(pattern == null || pattern.isEmpty() ? null : pattern)
                .version(version).tier(in.tier()).policies(kept.isEmpty() ? null : kept).dataType(dataType).build();
    }

    private void create(Tx tx, Namespace ns, String key, ParameterHistory first, List<Tag> tags) {
        try {
            store.insert(tx, StoredParameter.TYPE, ns, key, Optional.of(ParameterNames.parent(key)),
                    new StoredParameter(first, java.util.Map.of(), tags, 1));
        } catch (DuplicateKeyException e) {
            throw alreadyExists();
        }
        store.insert(tx, StoredParameter.VERSION, ns, StoredParameter.versionKey(key, 1), Optional.of(key), first);
        List<String> ancestors = ParameterNames.ancestors(key);
        for (int depth = 1; depth <= ancestors.size(); depth++) {
            store.insert(tx, Marker.under(depth), ns, key, Optional.of(ancestors.get(depth - 1)), Marker.INSTANCE);
        }
    }

    private void overwrite(Tx tx, Namespace ns, String key, Versioned<StoredParameter> current, ParameterHistory next) {
        StoredParameter p = current.value();
        long oldest = p.oldest();
        if (next.version() - oldest + 1 > MAX_VERSIONS) {
            if (p.labels().containsValue(oldest)) {
                throw PARAMETER_MAX_VERSION_LIMIT_EXCEEDED.exception("You attempted to create a new version of " + p.name()
                        + " by calling the PutParameter API with the overwrite flag. Version " + oldest + ", the oldest "
                        + "version, can't be deleted because it has a label associated with it. Move the label to "
                        + "another version of the parameter, and try again.");
            }
            store.delete(tx, StoredParameter.VERSION, ns, StoredParameter.versionKey(key, oldest));
            oldest++;
        }
        store.replace(tx, StoredParameter.TYPE, ns, key, current, p.withLatest(next, oldest));
        store.insert(tx, StoredParameter.VERSION, ns, StoredParameter.versionKey(key, next.version()), Optional.of(key),
                next);
    }

    /** DeleteParameter: the parameter with all its versions, labels and tags. */
    public void delete(Namespace ns, String reference) {
        SsmStore.retried(() -> store.inTransaction(tx -> {
            if (!deleteIfPresent(tx, ns, reference)) {
                throw PARAMETER_NOT_FOUND.exception("Parameter " + reference + " not found.");
            }
            return null;
        }));
    }

    /** DeleteParameters: the names it deleted, and those that named no parameter. */
    public io.slipway.model.ssm.DeleteParametersResult deleteAll(Namespace ns, List<String> references) {
        List<String> deleted = new java.util.ArrayList<>();
        List<String> invalid = new java.util.ArrayList<>();
        for (String reference : new java.util.LinkedHashSet<>(references)) {
            boolean gone = SsmStore.retried(() -> store.inTransaction(tx -> deleteIfPresent(tx, ns, reference)));
            (gone ? deleted : invalid).add(reference);
        }
        return new io.slipway.model.ssm.DeleteParametersResult(deleted, invalid);
    }

    private boolean deleteIfPresent(Tx tx, Namespace ns, String reference) {
        Optional<String> key = ParameterNames.fromReference(ns, reference).map(ParameterNames::key);
        if (key.isEmpty()) {
            return false;
        }
        Optional<Versioned<StoredParameter>> found = store.get(tx, StoredParameter.TYPE, ns, key.get());
        if (found.isEmpty()) {
            return false;
        }
        store.delete(tx, StoredParameter.TYPE, ns, key.get());
        for (String version : store.ids(tx, StoredParameter.VERSION, ns, key.get())) {
            store.delete(tx, StoredParameter.VERSION, ns, version);
        }
        List<String> ancestors = ParameterNames.ancestors(key.get());
        for (int depth = 1; depth <= ancestors.size(); depth++) {
            store.delete(tx, Marker.under(depth), ns, key.get());
        }
        tiers.release(tx, ns, key.get(), found.get().value().latest().tier());
        return true;
    }

    private static AwsException alreadyExists() {
        return PARAMETER_ALREADY_EXISTS.exception("The parameter already exists. To overwrite this value, set the "
                + "overwrite option in the request to true.");
    }
}
