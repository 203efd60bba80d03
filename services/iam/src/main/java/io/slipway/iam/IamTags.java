package io.slipway.iam;

import io.slipway.model.iam.Tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.slipway.model.iam.IamErrors.INVALID_INPUT;
import static io.slipway.model.iam.IamErrors.LIMIT_EXCEEDED;

/**
 * Tags of users, roles, managed policies and instance profiles. IAM compares tag keys without
 * regard to case and keeps the case they were written in; an entity holds at most 50 tags.
 */
public final class IamTags {
    public static final int MAX_TAGS = 50;

    private IamTags() {
    }

    /** A request's tags (none when absent); the same key twice is InvalidInput, as IAM answers it. */
    public static List<Tag> requested(List<Tag> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (Tag t : tags) {
            if (!seen.add(t.key().toLowerCase(Locale.ROOT))) {
                throw INVALID_INPUT.exception("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
        return List.copyOf(tags);
    }

    /** {@code current} with {@code added} set over it; more than 50 is LimitExceeded. */
    public static List<Tag> merged(List<Tag> current, List<Tag> added) {
        List<Tag> out = new ArrayList<>(without(current, added.stream().map(Tag::key).toList()));
        out.addAll(added);
        if (out.size() > MAX_TAGS) {
            // our wording: AWS documents the quota (50), not its message
            throw LIMIT_EXCEEDED.exception("The number of tags has reached the maximum limit of " + MAX_TAGS + ".");
        }
        return List.copyOf(out);
    }

    public static List<Tag> without(List<Tag> current, List<String> keys) {
        Set<String> removed = new HashSet<>();
        keys.forEach(k -> removed.add(k.toLowerCase(Locale.ROOT)));
        return orEmpty(current).stream().filter(t -> !removed.contains(t.key().toLowerCase(Locale.ROOT))).toList();
    }

    public static List<Tag> orEmpty(List<Tag> tags) {
        return tags == null ? List.of() : tags;
    }

    /** What a stored entity keeps: nothing rather than an empty list, so answers leave Tags out as IAM does. */
    public static List<Tag> stored(List<Tag> tags) {
        return tags == null || tags.isEmpty() ? null : List.copyOf(tags);
    }

    /** ListXTags: a page of an entity's tags, in the order they were added. */
    public static Paging.Page<Tag> page(List<Tag> tags, Paging paging) {
        List<Tag> all = orEmpty(tags);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(String.format(Locale.ROOT, "%04d", i));
        }
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            index.add(i);
        }
        return paging.slice(index, order::get).map(all::get);
    }
}
