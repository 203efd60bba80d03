package io.slipway.s3.storage;

import io.slipway.core.Namespace;
import io.slipway.engine.store.DocumentStore.Keyed;
import io.slipway.engine.store.Tx;
import io.slipway.s3.storage.StoredDocuments.BucketDoc;
import io.slipway.s3.storage.StoredDocuments.KeyDoc;
import io.slipway.s3.storage.StoredDocuments.VersionDoc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static io.slipway.s3.storage.StoredDocuments.VERSION;

/**
 * ListObjectsV2 and ListObjectVersions over the key heads in UTF-8 binary order. A page reads
 * the keys it returns plus those it rolls into common prefixes or passes over (keys whose latest
 * version is a delete marker); a common prefix is jumped over with one query.
 */
final class ObjectListing {
    static final int MAX_KEYS = 1000;

    private final S3Metadata meta;
    private final KeyOrder order;

    ObjectListing(S3Metadata meta, KeyOrder order) {
        this.meta = meta;
        this.order = order;
    }

    ListResult listObjects(BucketDoc bucket, String prefixIn, String delimiterIn, String startAfter, String token,
                           int maxKeysIn) {
        String prefix = orEmpty(prefixIn);
        String delimiter = orEmpty(delimiterIn);
        int maxKeys = maxKeys(maxKeysIn);
        String after = "";
        String skip = null;
        if (!orEmpty(token).isEmpty()) {
            String position = decodeToken(token);
            after = position.substring(1);
            if (position.charAt(0) == 'p') {
                skip = after;
            }
        } else if (!orEmpty(startAfter).isEmpty()) {
            after = startAfter;
        }
        if (maxKeys == 0) {
            return new ListResult(List.of(), List.of(), false, Optional.empty());
        }
        boolean inclusive = KeyOrder.compare(after, prefix) < 0;
        String start = inclusive ? prefix : after;
        String initialSkip = skip;
        return meta.jdbc.autoCommit(tx -> {
            KeyCursor cursor = new KeyCursor(tx, S3Metadata.ns(bucket), order, meta, start, inclusive, maxKeys + 1);
            if (initialSkip != null) {
                cursor.skipPast(initialSkip);
            }
            List<ObjectInfo> contents = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            String last = null;
            boolean truncated = false;
            for (Keyed<KeyDoc> k = nextUnder(cursor, prefix); k != null; k = nextUnder(cursor, prefix)) {
                String key = k.id();
                String common = commonPrefix(key, prefix, delimiter);
                if (common == null && k.value().latest().deleteMarker()) {
                    continue;
                }
                if (contents.size() + prefixes.size() == maxKeys) {
                    truncated = true;
                    break;
                }
                if (common != null) {
                    prefixes.add(common);
                    cursor.skipPast(common);
                    last = "p" + common;
                } else {
                    contents.add(k.value().latest().info(bucket.name(), true));
                    last = "k" + key;
                }
            }
            return new ListResult(List.copyOf(contents), List.copyOf(prefixes), truncated,
                    truncated ? Optional.of(encodeToken(last)) : Optional.empty());
        });
    }

    VersionListResult listVersions(BucketDoc bucket, String prefixIn, String delimiterIn, String keyMarkerIn,
                                   String versionIdMarkerIn, int maxKeysIn) {
        String prefix = orEmpty(prefixIn);
        String delimiter = orEmpty(delimiterIn);
        String keyMarker = orEmpty(keyMarkerIn);
        String versionIdMarker = orEmpty(versionIdMarkerIn);
        int maxKeys = maxKeys(maxKeysIn);
        if (!versionIdMarker.isEmpty()) {
            if (keyMarker.isEmpty()) {
                throw S3Errors.INVALID_ARGUMENT.exception("A version-id marker cannot be specified without a key marker.");
            }
            VersionIds.requireWellFormed(versionIdMarker);
        }
        if (maxKeys == 0) {
            return new VersionListResult(List.of(), List.of(), false, Optional.empty(), Optional.empty());
        }
        Namespace ns = S3Metadata.ns(bucket);
        return meta.jdbc.autoCommit(tx -> {
            VersionPage page = new VersionPage(maxKeys);
            boolean inclusive = KeyOrder.compare(keyMarker, prefix) < 0;
            String start = inclusive ? prefix : keyMarker;
            KeyCursor cursor = new KeyCursor(tx, ns, order, meta, start, inclusive, maxKeys + 1);
            String markerPrefix = commonPrefix(keyMarker, prefix, delimiter);
            if (markerPrefix != null && markerPrefix.equals(keyMarker)) {
                cursor.skipPast(markerPrefix); // a NextKeyMarker that was a common prefix
            }
            if (!versionIdMarker.isEmpty() && !inclusive && keyMarker.startsWith(prefix) && markerPrefix == null) {
                Optional<KeyDoc> head = meta.get(tx, StoredDocuments.KEY, ns, keyMarker).map(v -> v.value());
                String afterRow = ObjectInfo.NULL_VERSION.equals(versionIdMarker)
                        ? head.map(KeyDoc::nullRow).orElse(null) : versionIdMarker;
                if (head.isPresent() && afterRow != null
                        && !versions(tx, bucket, keyMarker, head.get(), Optional.of(afterRow), page)) {
                    return page.result();
                }
            }
            for (Keyed<KeyDoc> k = nextUnder(cursor, prefix); k != null; k = nextUnder(cursor, prefix)) {
                String key = k.id();
                String common = commonPrefix(key, prefix, delimiter);
                if (common != null) {
                    if (!page.addPrefix(common)) {
                        return page.result();
                    }
                    cursor.skipPast(common);
                } else if (!versions(tx, bucket, key, k.value(), Optional.empty(), page)) {
                    return page.result();
                }
            }
            return page.result();
        });
    }

    /** Adds the key's versions after {@code afterRow}, newest first; false once the page is full. */
    private boolean versions(Tx tx, BucketDoc bucket, String key, KeyDoc head, Optional<String> afterRow,
                             VersionPage page) {
        Namespace ns = S3Metadata.ns(bucket);
        Optional<String> after = afterRow;
        while (true) {
            int want = Math.min(page.room() + 1, MAX_KEYS + 1);
            List<Keyed<VersionDoc>> rows = meta.children(tx, VERSION, ns, key, after, want);
            for (Keyed<VersionDoc> row : rows) {
                VersionDoc v = row.value();
                if (!page.addVersion(v.info(bucket.name(), v.rowId().equals(head.latest().rowId())))) {
                    return false;
                }
            }
            if (rows.size() < want) {
                return true;
            }
            after = Optional.of(rows.getLast().id());
        }
    }

    /** The items of one page; adding past the maximum marks it truncated and refuses. */
    private static final class VersionPage {
        private final int max;
        private final List<ObjectInfo> versions = new ArrayList<>();
        private final List<String> prefixes = new ArrayList<>();
        private boolean truncated;
        private String nextKey;
        private String nextVersion;

        VersionPage(int max) {
            this.max = max;
        }

        int room() {
            return max - versions.size() - prefixes.size();
        }

        boolean addVersion(ObjectInfo info) {
            if (room() == 0) {
                truncated = true;
                return false;
            }
            versions.add(info);
            nextKey = info.key();
            nextVersion = info.versionId();
            return true;
        }

        boolean addPrefix(String prefix) {
            if (room() == 0) {
                truncated = true;
                return false;
            }
            prefixes.add(prefix);
            nextKey = prefix;
            nextVersion = null;
            return true;
        }

        VersionListResult result() {
            return new VersionListResult(List.copyOf(versions), List.copyOf(prefixes), truncated,
                    truncated ? Optional.ofNullable(nextKey) : Optional.empty(),
                    truncated ? Optional.ofNullable(nextVersion) : Optional.empty());
        }
    }

    /** The common prefix {@code key} rolls up into, or null. */
    private static String commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter.isEmpty() || !key.startsWith(prefix)) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    private static int maxKeys(int requested) {
        if (requested < 0) {
            throw S3Errors.INVALID_ARGUMENT.exception("Provided max-keys not an integer or within integer range");
        }
        return Math.min(requested, MAX_KEYS);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String encodeToken(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (position.length() >= 2 && (position.charAt(0) == 'k' || position.charAt(0) == 'p')) {
                return position;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw S3Errors.INVALID_ARGUMENT.exception("The continuation token provided is incorrect");
    }

    /** The cursor's next key under {@code prefix}, or null once it has passed every such key. */
    private static Keyed<KeyDoc> nextUnder(KeyCursor cursor, String prefix) {
        for (Keyed<KeyDoc> k = cursor.next(); k != null; k = cursor.next()) {
            if (k.id().startsWith(prefix)) {
                return k;
            }
            if (KeyOrder.compare(k.id(), prefix) > 0) {
                return null;
            }
        }
        return null;
    }
}
