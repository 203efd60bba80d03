package io.slipway.app.resources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a stack update does to a resource's tags: tags to set (new or with a new value) and keys to
 * remove. Tags change in place on every type that has them, through the service's TagResource
 * and UntagResource.
 */
record TagChanges(Map<String, String> set, List<String> removed) {

    static TagChanges between(Map<String, String> before, Map<String, String> after) {
        Map<String, String> set = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!Objects.equals(before.get(k), v)) {
                set.put(k, v);
            }
        });
        return new TagChanges(set, before.keySet().stream().filter(k -> !after.containsKey(k)).toList());
    }
}
