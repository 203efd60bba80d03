package io.slipway.codedeploy.instance;

import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.Tag;
import io.slipway.model.codedeploy.TagFilter;
import io.slipway.model.codedeploy.TagFilterType;

import java.util.List;

import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_TAG_FILTER;

/**
 * Which on-premises instances tag filters select: a list of filters selects an instance that any
 * one of them matches; a tag set's groups must each select it (AND of ORs).
 */
final class InstanceTagFilters {
    private InstanceTagFilters() {
    }

    /** ListOnPremisesInstances' filters: each must name what its type compares. */
    static void check(List<TagFilter> filters) {
        for (TagFilter f : filters == null ? List.<TagFilter>of() : filters) {
            TagFilterType type = f.type();
            boolean needsKey = type != TagFilterType.VALUE_ONLY;
            boolean needsValue = type == TagFilterType.VALUE_ONLY || type == TagFilterType.KEY_AND_VALUE;
            if ((needsKey && blank(f.key())) || (needsValue && blank(f.value()))) {
                throw INVALID_TAG_FILTER.exception("The tag filter " + (type == null ? "" : type.value() + " ")
                        + "must specify " + (needsKey && needsValue ? "a key and a value" : needsKey ? "a key" : "a value"));
            }
        }
    }

    /** Whether a deployment group's on-premises filters or tag set select an instance with these tags. */
    static boolean selects(DeploymentGroupInfo group, List<Tag> tags) {
        if (group.onPremisesTagSet() != null && group.onPremisesTagSet().onPremisesTagSetList() != null
                && !group.onPremisesTagSet().onPremisesTagSetList().isEmpty()) {
            return group.onPremisesTagSet().onPremisesTagSetList().stream().allMatch(g -> anyMatches(g, tags));
        }
        return anyMatches(group.onPremisesInstanceTagFilters(), tags);
    }

    /** Whether any filter matches one of the tags; no filters match nothing. */
    static boolean anyMatches(List<TagFilter> filters, List<Tag> tags) {
        if (filters == null || tags == null) {
            return false;
        }
        return filters.stream().anyMatch(f -> tags.stream().anyMatch(t -> matches(f, t)));
    }

    /** A filter without a type compares its key, and its value when it has one. */
    private static boolean matches(TagFilter f, Tag t) {
        TagFilterType type = f.type();
        if (type == null) {
            type = f.value() == null ? TagFilterType.KEY_ONLY : TagFilterType.KEY_AND_VALUE;
        }
        return switch (type) {
            case KEY_ONLY -> t.key().equals(f.key());
            case VALUE_ONLY -> t.value().equals(f.value());
            case KEY_AND_VALUE -> t.key().equals(f.key()) && t.value().equals(f.value());
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
