package io.slipway.s3.storage;

import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceKey;
import io.slipway.engine.store.ResourcePage;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.s3.storage.StoredDocuments.BucketDoc;

import java.util.List;
import java.util.Optional;

/** S3's documents over the shared store: typed access, row locks, and retried transactions. */
final class S3Metadata {
    /** Bucket names are global, so buckets live in one namespace of their own. */
    static final Namespace BUCKETS = new Namespace("s3", "global");
    private static final int ATTEMPTS = 8;

    final Jdbc jdbc;
    final ResourceStore resources;
    final DocumentStore docs;

    S3Metadata(Jdbc jdbc, ResourceStore resources) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.docs = new DocumentStore(jdbc, resources);
    }

    static Namespace ns(BucketDoc bucket) {
        return new Namespace(bucket.storeId(), bucket.name());
    }

    /**
     * One transaction, run again when it lost a race: two first writers of a key both inserting
     * its head row, or an optimistic update that found the row changed.
     */
    <T> T transaction(Jdbc.TxWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.inTransaction(work);
            } catch (DuplicateKeyException | ConcurrentUpdateException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    <T extends AwsStructure> Optional<Versioned<T>> get(Tx tx, DocumentType<T> type, Namespace ns, String id) {
        return docs.get(tx, type, ns, id);
    }

    /** Reads and row-locks until the transaction ends. */
    <T extends AwsStructure> Optional<Versioned<T>> getForUpdate(Tx tx, DocumentType<T> type, Namespace ns, String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return resources.getForUpdate(tx, new ResourceKey(ns.account(), ns.region(), type.kind(), id))
                .map(r -> new Versioned<>(type.read(r.doc()), r.version(), r.parent()));
    }

    <T extends AwsStructure> void insert(Tx tx, DocumentType<T> type, Namespace ns, String id, Optional<String> parent,
                                         T value) {
        docs.insert(tx, type, ns, id, parent, value);
    }

    <T extends AwsStructure> void replace(Tx tx, DocumentType<T> type, Namespace ns, String id, Versioned<T> read,
                                          T value) {
        docs.replace(tx, type, ns, id, read, value);
    }

    boolean delete(Tx tx, DocumentType<?> type, Namespace ns, String id) {
        return docs.delete(tx, type, ns, id);
    }

    <T extends AwsStructure> List<DocumentStore.Keyed<T>> children(Tx tx, DocumentType<T> type, Namespace ns,
                                                                  String parent, Optional<String> after, int limit) {
        ResourcePage page = resources.list(tx, ns.account(), ns.region(), type.kind(), Optional.of(parent), after, limit);
        return page.items().stream().map(r -> new DocumentStore.Keyed<>(r.key().id(), type.read(r.doc()))).toList();
    }

    long count(Tx tx, DocumentType<?> type, Namespace ns) {
        return resources.count(tx, ns.account(), ns.region(), type.kind(), Optional.empty());
    }
}
