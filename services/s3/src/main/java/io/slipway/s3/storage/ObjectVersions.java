package io.slipway.s3.storage;

import io.slipway.core.Namespace;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.s3.storage.StoredDocuments.BucketDoc;
import io.slipway.s3.storage.StoredDocuments.KeyDoc;
import io.slipway.s3.storage.StoredDocuments.VersionDoc;

import java.util.List;
import java.util.Optional;

import static io.slipway.s3.storage.StoredDocuments.KEY;
import static io.slipway.s3.storage.StoredDocuments.VERSION;

/**
 * The version rules of one key, inside a caller's transaction: which version a write creates or
 * replaces, what a delete leaves, which version is latest. The key's head row is locked first, so
 * writers of one key take turns. Bodies that no version names any more are deleted only after
 * the transaction that stops naming them (after it, for files).
 */
final class ObjectVersions {
    private final S3Metadata meta;
    private final ObjectBodies bodies;
    private final IdGenerator ids;

    ObjectVersions(S3Metadata meta, ObjectBodies bodies, IdGenerator ids) {
        this.meta = meta;
        this.bodies = bodies;
        this.ids = ids;
    }

    /** A version as found, and whether it is the key's latest. */
    record Located(VersionDoc doc, boolean latest) {
    }

    /**
     * Stores {@code draft} as the key's newest version: with a fresh version id when versioning is
     * enabled, else as the "null" version, replacing the previous "null" version.
     */
    VersionDoc write(Tx tx, BucketDoc bucket, String key, VersionDoc draft, WriteCondition condition) {
        Namespace ns = S3Metadata.ns(bucket);
        Optional<Versioned<KeyDoc>> head = meta.getForUpdate(tx, KEY, ns, key);
        condition.check(head.map(h -> h.value().latest()).filter(v -> !v.deleteMarker())
                .map(v -> v.info(bucket.name(), true)), key);
        long seq = head.map(h -> h.value().seq()).orElse(0L) + 1;
        String rowId = VersionIds.rowId(seq, ids.newId());
        boolean versioned = bucket.versioningEnabled();
        VersionDoc version = draft.withIds(rowId, versioned ? rowId : ObjectInfo.NULL_VERSION);
        String nullRow = head.map(h -> h.value().nullRow()).orElse(null);
        if (!versioned && nullRow != null) {
            removeRow(tx, bucket, nullRow);
        }
        meta.insert(tx, VERSION, ns, rowId, Optional.of(key), version);
        KeyDoc updated = new KeyDoc(seq, versioned ? nullRow : rowId, version);
        if (head.isPresent()) {
            meta.replace(tx, KEY, ns, key, head.get(), updated);
        } else {
            meta.insert(tx, KEY, ns, key, Optional.empty(), updated);
        }
        return version;
    }

    /** DeleteObject without a version id. */
    DeleteResult delete(Tx tx, BucketDoc bucket, String key, long now) {
        if (bucket.versioning() == null) {
            Namespace ns = S3Metadata.ns(bucket);
            Optional<Versioned<KeyDoc>> head = meta.getForUpdate(tx, KEY, ns, key);
            if (head.isPresent()) {
                // Never versioned: the null version is the key's only version.
                removeRow(tx, bucket, head.get().value().latest().rowId());
                meta.delete(tx, KEY, ns, key);
            }
            return new DeleteResult(false, Optional.empty());
        }
        VersionDoc marker = write(tx, bucket, key, VersionDoc.deleteMarker(null, key, null, now), WriteCondition.NONE);
        return new DeleteResult(true, Optional.of(marker.versionId()));
    }

    /** DeleteObject of one version; a version that does not exist is no error, as in S3. */
    DeleteResult deleteVersion(Tx tx, BucketDoc bucket, String key, String versionId) {
        VersionIds.requireWellFormed(versionId);
        Namespace ns = S3Metadata.ns(bucket);
        Optional<Versioned<KeyDoc>> head = meta.getForUpdate(tx, KEY, ns, key);
        if (head.isEmpty()) {
            return new DeleteResult(false, Optional.of(versionId));
        }
        KeyDoc h = head.get().value();
        String rowId = ObjectInfo.NULL_VERSION.equals(versionId) ? h.nullRow() : versionId;
        Optional<VersionDoc> row = rowId == null ? Optional.empty()
                : meta.get(tx, VERSION, ns, rowId).map(Versioned::value).filter(v -> v.key().equals(key));
        if (row.isEmpty()) {
            return new DeleteResult(false, Optional.of(versionId));
        }
        removeRow(tx, bucket, rowId);
        String nullRow = rowId.equals(h.nullRow()) ? null : h.nullRow();
        VersionDoc latest = h.latest();
        if (latest.rowId().equals(rowId)) {
            List<DocumentStore.Keyed<VersionDoc>> next = meta.children(tx, VERSION, ns, key, Optional.empty(), 1);
            if (next.isEmpty()) {
                meta.delete(tx, KEY, ns, key);
                return new DeleteResult(row.get().deleteMarker(), Optional.of(versionId));
            }
            latest = next.getFirst().value();
        }
        meta.replace(tx, KEY, ns, key, head.get(), new KeyDoc(h.seq(), nullRow, latest));
        return new DeleteResult(row.get().deleteMarker(), Optional.of(versionId));
    }

    /** The latest version (possibly a delete marker), or the named one. */
    Optional<Located> find(Tx tx, BucketDoc bucket, String key, Optional<String> versionId) {
        Namespace ns = S3Metadata.ns(bucket);
        Optional<KeyDoc> head = meta.get(tx, KEY, ns, key).map(Versioned::value);
        if (versionId.isEmpty()) {
            return head.map(h -> new Located(h.latest(), true));
        }
        String id = versionId.get();
        VersionIds.requireWellFormed(id);
        String rowId = ObjectInfo.NULL_VERSION.equals(id) ? head.map(KeyDoc::nullRow).orElse(null) : id;
        if (rowId == null) {
            return Optional.empty();
        }
        String latestRow = head.map(h -> h.latest().rowId()).orElse("");
        return meta.get(tx, VERSION, ns, rowId).map(Versioned::value).filter(v -> v.key().equals(key))
                .map(v -> new Located(v, v.rowId().equals(latestRow)));
    }

    private void removeRow(Tx tx, BucketDoc bucket, String rowId) {
        Namespace ns = S3Metadata.ns(bucket);
        Optional<Versioned<VersionDoc>> old = meta.get(tx, VERSION, ns, rowId);
        meta.delete(tx, VERSION, ns, rowId);
        old.map(v -> v.value().file()).ifPresent(file -> bodies.delete(tx, ObjectBodies.objectBlob(bucket.storeId(), file)));
    }
}
