package io.slipway.iam;

import io.slipway.core.PageToken;
import io.slipway.model.runtime.AwsErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * IAM's {@code Marker}/{@code MaxItems} paging over a list in key order. A marker is opaque: it
 * carries the last key of its page and the name of its list, so the next page starts after that
 * key however many entries were added meanwhile, and a marker from another list is refused.
 *
 * @param list  the list's name, carried in its markers
 * @param after the key to continue after
 */
public record Paging(String list, Optional<String> after, int maxItems) {
    /** IAM's default page size. */
    public static final int DEFAULT_MAX_ITEMS = 100;

    public static Paging of(String list, String marker, Integer maxItems) {
        Optional<String> after = Optional.empty();
        if (marker != null) {
            after = Optional.of(PageToken.decode(list, marker)
                    .orElseThrow(() -> AwsErrors.VALIDATION_ERROR.exception("Invalid Marker.")));
        }
        return new Paging(list, after, maxItems == null ? DEFAULT_MAX_ITEMS : maxItems);
    }

    /** A page of a whole list already in key order. */
    public <T> Page<T> slice(List<T> sorted, Function<T, String> key) {
        Collector<T> page = collector(key);
        for (T item : sorted) {
            if (after.isEmpty() || key.apply(item).compareTo(after.get()) > 0) {
                if (!page.add(item)) {
                    break;
                }
            }
        }
        return page.page();
    }

    /** Collects one page from items offered in key order: {@code add} is false once the page is full. */
    public <T> Collector<T> collector(Function<T, String> key) {
        return new Collector<>(this, key);
    }

    /** One page: its items and, when more follow, the marker for the next. */
    public record Page<T>(List<T> items, Optional<String> marker) {
        public boolean truncated() {
            return marker.isPresent();
        }

        public <R> Page<R> map(Function<T, R> f) {
            return new Page<>(items.stream().map(f).toList(), marker);
        }

        /** The marker as the wire carries it: absent unless truncated. */
        public String wireMarker() {
            return marker.orElse(null);
        }
    }

    public static final class Collector<T> {
        private final Paging paging;
        private final Function<T, String> key;
        private final List<T> items = new ArrayList<>();
        private boolean more;

        private Collector(Paging paging, Function<T, String> key) {
            this.paging = paging;
            this.key = key;
        }

        /** Takes an item; false (and the page is truncated) when it would be one too many. */
        public boolean add(T item) {
            if (items.size() == paging.maxItems()) {
                more = true;
                return false;
            }
            items.add(item);
            return true;
        }

        public Page<T> page() {
            Optional<String> marker = more ? Optional.of(PageToken.encode(paging.list(), key.apply(items.getLast())))
                    : Optional.empty();
            return new Page<>(List.copyOf(items), marker);
        }
    }
}
