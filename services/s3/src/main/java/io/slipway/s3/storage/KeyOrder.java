package io.slipway.s3.storage;

import io.slipway.core.Namespace;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.Tx;
import io.slipway.s3.storage.StoredDocuments.KeyDoc;

import java.util.List;
import java.util.Optional;

import static io.slipway.s3.storage.StoredDocuments.KEY;

/**
 * Walks a bucket's keys in S3's order, UTF-8 binary order, a page at a time. The store lists ids
 * in the database's collation: byte order on H2 and on PostgreSQL databases created with the C
 * (or C.UTF-8) collation, so the store's own keyset listing serves in O(page). A PostgreSQL
 * database with a linguistic collation (en_US.UTF-8 orders "a" before "B") gets its pages with an
 * explicit {@code COLLATE "C"}, which stays correct but cannot use the id index.
 * <p>
 * H2 compares strings by UTF-16 code units, which differs from UTF-8 byte order only between
 * characters U+E000..U+FFFF and those beyond U+FFFF.
 */
final class KeyOrder {
    private static final String PROBE = "SELECT CASE WHEN 'B' < 'a' AND 'z' < '\u00e9' AND 'Z' < '_' THEN 1 ELSE 0 END";
    private static final String PAGE_COLLATE_C = "SELECT id, doc FROM resource WHERE account = ? AND region = ? AND kind = ?"
            + " AND id COLLATE \"C\" > ? ORDER BY id COLLATE \"C\" LIMIT ?";

    private final S3Metadata meta;
    private final boolean binary;

    private KeyOrder(S3Metadata meta, boolean binary) {
        this.meta = meta;
        this.binary = binary;
    }

    static KeyOrder of(S3Metadata meta, Jdbc jdbc) {
        return new KeyOrder(meta, collatesAsBytes(jdbc));
    }

    static KeyOrder forcedCollateC(S3Metadata meta) {
        return new KeyOrder(meta, false);
    }

    static boolean collatesAsBytes(Jdbc jdbc) {
        return jdbc.queryOne(PROBE, Jdbc.Binder.NONE, rs -> rs.getInt(1)).orElse(0) == 1;
    }

    /** Up to {@code limit} key heads after {@code after} (exclusive; "" for the first). */
    List<DocumentStore.Keyed<KeyDoc>> page(Tx tx, Namespace ns, String after, int limit) {
        if (binary) {
            return meta.docs.list(tx, KEY, ns, Optional.empty(), Optional.of(after), limit).items();
        }
        return tx.query(PAGE_COLLATE_C, ps -> {
            ps.setString(1, ns.account());
            ps.setString(2, ns.region());
            ps.setString(3, KEY.kind());
            ps.setString(4, after);
            ps.setInt(5, limit);
        }, rs -> new DocumentStore.Keyed<>(rs.getString(1), KEY.read(rs.getString(2))));
    }

    /** Compares as UTF-8 bytes do, which is code point order. */
    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
