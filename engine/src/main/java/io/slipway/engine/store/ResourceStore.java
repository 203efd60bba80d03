package io.slipway.engine.store;

import io.slipway.engine.clock.SlipwayClock;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Resources as JSON documents keyed by (account, region, kind, id). The engine never parses the
 * documents; services serialise them. Every operation exists twice: inside a caller's {@link Tx},
 * so it commits with other changes, and standalone, as one auto-committed statement.
 * Updates are optimistic: they name the version they read and fail if someone wrote in between.
 */
public final class ResourceStore {

    private static final String COLUMNS = "account, region, kind, id, parent, doc, version, created_at, updated_at";
    private static final String KEY = "account = ? AND region = ? AND kind = ? AND id = ?";
    private static final String INSERT = "INSERT INTO resource (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)";
    private static final String GET = "SELECT " + COLUMNS + " FROM resource WHERE " + KEY;
    private static final String GET_FOR_UPDATE = GET + " FOR UPDATE";
    private static final String UPDATE =
            "UPDATE resource SET doc = ?, version = version + 1, updated_at = ? WHERE " + KEY + " AND version = ?";
    private static final String DELETE = "DELETE FROM resource WHERE " + KEY;
    // The first page starts after '' (ids are never empty), so each listing is one SQL text.
    private static final String LIST = "SELECT " + COLUMNS + " FROM resource"
            + " WHERE account = ? AND region = ? AND kind = ? AND id > ? ORDER BY id LIMIT ?";
    private static final String LIST_CHILDREN = "SELECT " + COLUMNS + " FROM resource"
            + " WHERE account = ? AND region = ? AND kind = ? AND parent = ? AND id > ? ORDER BY id LIMIT ?";
    private static final String COUNT = "SELECT COUNT(*) FROM resource WHERE account = ? AND region = ? AND kind = ?";
    private static final String COUNT_CHILDREN = COUNT + " AND parent = ?";

    /** The kind of the rows {@link #countLocked} locks; no service lists it. */
    static final String QUOTA_LOCK = "slipway.quota-lock";

    /** Far above any AWS page size; a bound keeps one listing from loading a whole table. */
    public static final int MAX_PAGE = 10_000;

    /**
     * The longest document kept, in characters: far above any resource Slipway stores, and below the
     * longest string the JSON reader accepts (Jackson's maxStringLength, 20,000,000), so that no
     * stored document holds a string it cannot read back. A longer one is refused before anything is written.
     */
    public static final int MAX_DOCUMENT_LENGTH = 8 * 1024 * 1024;

    private static final Jdbc.RowMapper<StoredResource> ROW = ResourceStore::map;

    private final Jdbc jdbc;
    private final SlipwayClock clock;

    public ResourceStore(Jdbc jdbc, SlipwayClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores a new resource at version 1; {@link DuplicateKeyException} if the key is taken. */
    public StoredResource insert(Tx tx, ResourceKey key, Optional<String> parent, String doc) {
        requireStorable(key, doc);
        Instant now = Instant.ofEpochMilli(clock.now().toEpochMilli());
        tx.update(INSERT, ps -> {
            bindKey(ps, 1, key);
            if (parent.isPresent()) {
                ps.setString(5, parent.get());
            } else {
                ps.setNull(5, Types.VARCHAR);
            }
            ps.setString(6, doc);
            ps.setLong(7, now.toEpochMilli());
            ps.setLong(8, now.toEpochMilli());
        });
        return new StoredResource(key, parent, doc, 1, now, now);
    }

    public StoredResource insert(ResourceKey key, Optional<String> parent, String doc) {
        return jdbc.autoCommit(tx -> insert(tx, key, parent, doc));
    }

    public Optional<StoredResource> get(Tx tx, ResourceKey key) {
        return tx.queryOne(GET, ps -> bindKey(ps, 1, key), ROW);
    }

    public Optional<StoredResource> get(ResourceKey key) {
        return jdbc.autoCommit(tx -> get(tx, key));
    }

    /** Reads and row-locks until the transaction ends: for read-decide-write sequences that must not interleave. */
    public Optional<StoredResource> getForUpdate(Tx tx, ResourceKey key) {
        return tx.queryOne(GET_FOR_UPDATE, ps -> bindKey(ps, 1, key), ROW);
    }

    /**
     * Replaces the document (the parent is fixed at insert) if the stored version is still {@code expectedVersion}; the new
     * version is {@code expectedVersion + 1}. False when the resource changed or is gone.
     */
    public boolean update(Tx tx, ResourceKey key, long expectedVersion, String doc) {
        requireStorable(key, doc);
        long now = clock.now().toEpochMilli();
        return tx.update(UPDATE, ps -> {
            ps.setString(1, doc);
            ps.setLong(2, now);
            bindKey(ps, 3, key);
            ps.setLong(7, expectedVersion);
        }) == 1;
    }

    public boolean update(ResourceKey key, long expectedVersion, String doc) {
        return jdbc.autoCommit(tx -> update(tx, key, expectedVersion, doc));
    }

    /** False when there was nothing to delete. */
    public boolean delete(Tx tx, ResourceKey key) {
        return tx.update(DELETE, ps -> bindKey(ps, 1, key)) == 1;
    }

    public boolean delete(ResourceKey key) {
        return jdbc.autoCommit(tx -> delete(tx, key));
    }

    /**
     * One page in id order, optionally only the children of {@code parent}, starting after
     * {@code afterIdExclusive}. Served from an index in O(page), however deep the page.
     */
    public ResourcePage list(Tx tx, String account, String region, String kind, Optional<String> parent,
                             Optional<String> afterIdExclusive, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        String after = afterIdExclusive.orElse("");
        // One row more than asked tells whether another page exists without a second query.
        List<StoredResource> rows = tx.query(parent.isPresent() ? LIST_CHILDREN : LIST, ps -> {
            int i = bindScope(ps, account, region, kind);
            if (parent.isPresent()) {
                ps.setString(i++, parent.get());
            }
            ps.setString(i++, after);
            ps.setInt(i, limit + 1);
        }, ROW);
        Optional<String> next = Optional.empty();
        if (rows.size() > limit) {
            rows.remove(limit);
            next = Optional.of(rows.get(limit - 1).key().id());
        }
        return new ResourcePage(Collections.unmodifiableList(rows), next);
    }

    public ResourcePage list(String account, String region, String kind, Optional<String> parent,
                             Optional<String> afterIdExclusive, int limit) {
        return jdbc.autoCommit(tx -> list(tx, account, region, kind, parent, afterIdExclusive, limit));
    }

    public long count(Tx tx, String account, String region, String kind, Optional<String> parent) {
        return tx.queryOne(parent.isPresent() ? COUNT_CHILDREN : COUNT, ps -> {
            int i = bindScope(ps, account, region, kind);
            if (parent.isPresent()) {
                ps.setString(i, parent.get());
            }
        }, rs -> rs.getLong(1)).orElse(0L);
    }

    public long count(String account, String region, String kind, Optional<String> parent) {
        return jdbc.autoCommit(tx -> count(tx, account, region, kind, parent));
    }

    /** An account and region that hold resources, and how many rows they hold. */
    public record NamespaceUse(String account, String region, long resources) {
    }

    /** Every account and region that holds anything, in order: what the console offers to look at. */
    public List<NamespaceUse> namespaces() {
        return jdbc.query("SELECT account, region, COUNT(*) FROM resource GROUP BY account, region ORDER BY account, region",
                Jdbc.Binder.NONE, rs -> new NamespaceUse(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    /**
     * Counts a kind's resources (under {@code parent}) after taking a row lock that every caller
     * counting the same scope takes too, so that count-then-insert sequences of concurrent creators
     * run one after another and a quota holds. The lock is a row of its own kind, made on first
     * use; two first users race on its key, and the loser's {@link ConcurrentUpdateException} has
     * its transaction run again (see {@link Retry}), when it finds the row.
     */
    public long countLocked(Tx tx, String account, String region, String kind, Optional<String> parent) {
        ResourceKey lock = new ResourceKey(account, region, QUOTA_LOCK, kind + "/" + parent.orElse(""));
        if (getForUpdate(tx, lock).isEmpty()) {
            try {
                insert(tx, lock, Optional.empty(), "{}");
            } catch (DuplicateKeyException e) {
                throw new ConcurrentUpdateException("quota lock " + lock.id());
            }
        }
        return count(tx, account, region, kind, parent);
    }

    private static void requireStorable(ResourceKey key, String doc) {
        Objects.requireNonNull(doc, "doc");
        if (doc.length() > MAX_DOCUMENT_LENGTH) {
            throw new DocumentTooLargeException(key, "its document would be " + doc.length()
                    + " characters long, more than the " + MAX_DOCUMENT_LENGTH + " Slipway stores");
        }
    }

    private static int bindScope(PreparedStatement ps, String account, String region, String kind) throws SQLException {
        ps.setString(1, account);
        ps.setString(2, region);
        ps.setString(3, kind);
        return 4;
    }

    private static void bindKey(PreparedStatement ps, int first, ResourceKey key) throws SQLException {
        ps.setString(first, key.account());
        ps.setString(first + 1, key.region());
        ps.setString(first + 2, key.kind());
        ps.setString(first + 3, key.id());
    }

    private static StoredResource map(ResultSet rs) throws SQLException {
        ResourceKey key = new ResourceKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
        return new StoredResource(key, Optional.ofNullable(rs.getString(5)), rs.getString(6), rs.getLong(7),
                Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)));
    }
}
