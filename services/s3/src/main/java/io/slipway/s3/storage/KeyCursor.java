package io.slipway.s3.storage;

import io.slipway.core.Namespace;
import io.slipway.engine.store.DocumentStore.Keyed;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.s3.storage.StoredDocuments.KeyDoc;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A forward cursor over a bucket's key heads, fetched in pages. {@link #skipPast} jumps over every
 * key under a common prefix with one query instead of reading them.
 */
final class KeyCursor {
    /** The highest code point: a string that sorts after every key starting with a prefix, when appended to it. */
    private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final Tx tx;
    private final Namespace ns;
    private final KeyOrder order;
    private final int batch;
    private final ArrayDeque<Keyed<KeyDoc>> buffer = new ArrayDeque<>();
    private String after;
    private String skip;
    private boolean exhausted;

    /** Starts after {@code after}, or at it when {@code inclusive}. */
    KeyCursor(Tx tx, Namespace ns, KeyOrder order, S3Metadata meta, String after, boolean inclusive, int batch) {
        this.tx = tx;
        this.ns = ns;
        this.order = order;
        this.batch = Math.max(2, Math.min(batch, 1000));
        this.after = after;
        if (inclusive && !after.isEmpty()) {
            meta.get(tx, StoredDocuments.KEY, ns, after).map(Versioned::value)
                    .ifPresent(k -> buffer.add(new Keyed<>(after, k)));
        }
    }

    /** The next key head, or null at the end. */
    Keyed<KeyDoc> next() {
        while (true) {
            if (buffer.isEmpty()) {
                if (exhausted) {
                    return null;
                }
                fetch();
                continue;
            }
            Keyed<KeyDoc> item = buffer.poll();
            if (skip != null && item.id().startsWith(skip)) {
                continue;
            }
            return item;
        }
    }

    /** Leaves out every further key that starts with {@code prefix}. */
    void skipPast(String prefix) {
        skip = prefix;
    }

    private void fetch() {
        String from = after;
        if (skip != null && KeyOrder.compare(skip + MAX, from) > 0) {
            from = skip + MAX;
        }
        List<Keyed<KeyDoc>> rows = order.page(tx, ns, from, batch);
        buffer.addAll(rows);
        exhausted = rows.size() < batch;
        after = rows.isEmpty() ? from : rows.getLast().id();
    }
}
