package io.slipway.codepipeline.tags;

import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codepipeline.CodePipelineModel;
import io.slipway.model.codepipeline.ListTagsForResourceOutput;
import io.slipway.model.codepipeline.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_TAGS;
import static io.slipway.model.codepipeline.CodePipelineErrors.TOO_MANY_TAGS;

/**
 * Tags of pipelines and custom action types, one document per resource keyed by the resource part
 * of its ARN (a pipeline's name, {@code actiontype:Custom/Build/Jenkins/1}). The owning part
 * writes a resource's tags in the transaction that creates it and deletes them with it. Limits
 * are CodePipeline's: 50 tags a resource, no {@code aws:} keys (lengths are the model's).
 */
public final class ResourceTags {
    public static final int MAX_TAGS = 50;
    /** Tags of one resource, in the shape ListTagsForResource answers with. */
    public static final DocumentType<ListTagsForResourceOutput> TAGS = new DocumentType<>("codepipeline.tags",
            CodePipelineModel.MODEL.shape("ListTagsForResourceOutput"), ListTagsForResourceOutput::fromDocument);
    private final CodePipelineStore store;

    public ResourceTags(CodePipelineStore store) {
        this.store = store;
    }

    /** Rejects system tags, as AWS does for callers that are end users. */
    public static void validate(List<Tag> tags) {
        if (tags == null) {
            return;
        }
        for (Tag t : tags) {
            if (t.key() != null && t.key().startsWith("aws:")) {
                throw INVALID_TAGS.exception("Not allowed to modify system tags. System tags start with 'aws:'. "
                        + "msg=[Caller is an end user and not allowed to mutate system tags]");
            }
        }
    }

    /** Adds or replaces tags of a resource; more than 50 in all is TooManyTagsException naming its ARN. */
    public void put(Tx tx, Namespace ns, String resource, String arn, List<Tag> tags) {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        validate(tags);
        Optional<Versioned<ListTagsForResourceOutput>> current = store.get(tx, TAGS, ns, resource);
        Map<String, Tag> merged = byKey(current.map(v -> v.value().tags()).orElse(List.of()));
        tags.forEach(t -> merged.put(t.key(), new Tag(t.key(), t.value() == null ? "" : t.value())));
        if (merged.size() > MAX_TAGS) {
            throw TOO_MANY_TAGS.exception("Tag limit exceeded for resource [" + arn + "]. A resource can have at most "
                    + MAX_TAGS + " tags.");
        }
        save(tx, ns, resource, current, merged);
    }

    public void remove(Tx tx, Namespace ns, String resource, List<String> keys) {
        Optional<Versioned<ListTagsForResourceOutput>> current = store.get(tx, TAGS, ns, resource);
        if (current.isPresent()) {
            Map<String, Tag> merged = byKey(current.get().value().tags());
            keys.forEach(merged::remove);
            save(tx, ns, resource, current, merged);
        }
    }

    public List<Tag> list(Tx tx, Namespace ns, String resource) {
        return store.get(tx, TAGS, ns, resource).map(v -> v.value().tags()).orElse(List.of());
    }

    public void delete(Tx tx, Namespace ns, String resource) {
        store.delete(tx, TAGS, ns, resource);
    }

    private void save(Tx tx, Namespace ns, String resource, Optional<Versioned<ListTagsForResourceOutput>> current,
                      Map<String, Tag> tags) {
        ListTagsForResourceOutput doc = ListTagsForResourceOutput.builder().tags(new ArrayList<>(tags.values())).build();
        if (current.isEmpty()) {
            store.insert(tx, TAGS, ns, resource, Optional.empty(), doc);
        } else if (!store.update(tx, TAGS, ns, resource, current.get().version(), doc)) {
            throw new ConcurrentUpdateException("tags of " + resource);
        }
    }

    private static Map<String, Tag> byKey(List<Tag> tags) {
        Map<String, Tag> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t));
        return out;
    }
}
