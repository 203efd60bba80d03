package io.slipway.ssm.parameter;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Versioned;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.ssm.ResourceTypeForTagging;
import io.slipway.model.ssm.Tag;
import io.slipway.ssm.store.SsmStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.model.ssm.SsmErrors.INVALID_RESOURCE_ID;
import static io.slipway.model.ssm.SsmErrors.TOO_MANY_TAGS_ERROR;

/**
 * Tags on parameters (AddTagsToResource, RemoveTagsFromResource, ListTagsForResource with
 * ResourceType Parameter), kept in the parameter's document. The other resource types these
 * operations name are not served, so no resource of theirs exists.
 */
public final class ParameterTags {
    public static final int MAX_TAGS = 50;
    private final SsmStore store;

    public ParameterTags(SsmStore store) {
        this.store = store;
    }

    /** At most 50 tags, as a parameter may hold. */
    static void check(List<Tag> tags) {
        if (tags.size() > MAX_TAGS) {
            throw tooMany();
        }
    }

    public void add(Namespace ns, ResourceTypeForTagging type, String resourceId, List<Tag> tags) {
        change(ns, type, resourceId, next -> {
            tags.forEach(t -> next.put(t.key(), t.value()));
            return next;
        });
    }

    public void remove(Namespace ns, ResourceTypeForTagging type, String resourceId, List<String> keys) {
        change(ns, type, resourceId, next -> {
            keys.forEach(next::remove);
            return next;
        });
    }

    public List<Tag> list(Namespace ns, ResourceTypeForTagging type, String resourceId) {
        String key = key(ns, type, resourceId);
        return store.inTransaction(tx -> store.get(tx, StoredParameter.TYPE, ns, key))
                .map(v -> v.value().tags()).orElseThrow(ParameterTags::invalidId);
    }

    private void change(Namespace ns, ResourceTypeForTagging type, String resourceId,
                        java.util.function.Function<Map<String, String>, Map<String, String>> edit) {
        String key = key(ns, type, resourceId);
        SsmStore.retried(() -> store.inTransaction(tx -> {
            Versioned<StoredParameter> current = store.get(tx, StoredParameter.TYPE, ns, key)
                    .orElseThrow(ParameterTags::invalidId);
            Map<String, String> next = edit.apply(asMap(current.value().tags()));
            if (next.size() > MAX_TAGS) {
                throw tooMany();
            }
            List<Tag> tags = new ArrayList<>();
            next.forEach((k, v) -> tags.add(new Tag(k, v)));
            store.replace(tx, StoredParameter.TYPE, ns, key, current, current.value().withTags(tags));
            return null;
        }));
    }

    private static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    private static String key(Namespace ns, ResourceTypeForTagging type, String resourceId) {
        if (type != ResourceTypeForTagging.PARAMETER) {
            throw invalidId();
        }
        Optional<String> name = ParameterNames.fromReference(ns, resourceId);
        return name.map(ParameterNames::key).orElseThrow(ParameterTags::invalidId);
    }

    private static AwsException invalidId() {
        return INVALID_RESOURCE_ID.exception("The resource ID isn't valid. Verify that you entered the correct ID and "
                + "try again.");
    }

    private static AwsException tooMany() {
        return TOO_MANY_TAGS_ERROR.exception("A parameter can have at most " + MAX_TAGS + " tags."); // UNVERIFIED wording
    }
}
