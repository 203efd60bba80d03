package io.slipway.engine.store;

import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.model.runtime.AwsStructure;

import java.util.List;
import java.util.Optional;

/**
 * Resources stored as their wire documents, by type, namespace and id: what every service's
 * domain reads and writes, over the engine's ResourceStore. Services subclass it to name their
 * document types.
 */
public class DocumentStore {
    /** More children than any parent may have (CodeDeploy allows 1,000 deployment groups per application). */
    private static final int MAX_CHILDREN = 10_000;
    private final Jdbc jdbc;
    private final ResourceStore resources;

    public DocumentStore(Jdbc jdbc, ResourceStore resources) {
        this.jdbc = jdbc;
        this.resources = resources;
    }

    /** Runs work in a transaction, again from the start if it lost an optimistic-update race (see {@link Retry}). */
    public void inRetriedTransaction(java.util.function.Consumer<Tx> work) {
        Retry.onConflict(() -> inTransaction(tx -> {
            work.accept(tx);
            return null;
        }));
    }

    public <T> T inTransaction(Jdbc.TxWork<T> work) {
        return jdbc.inTransaction(work);
    }

    /** Nothing is stored under an empty id, so a client's empty name finds nothing (rather than failing the key). */
    public <T extends AwsStructure> Optional<Versioned<T>> get(Tx tx, DocumentType<T> type, Namespace ns, String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return resources.get(tx, key(type, ns, id)).map(r -> new Versioned<>(type.read(r.doc()), r.version(), r.parent()));
    }

    public <T extends AwsStructure> Optional<T> get(DocumentType<T> type, Namespace ns, String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return resources.get(key(type, ns, id)).map(r -> type.read(r.doc()));
    }

    /** Inserts; a DuplicateKeyException from the engine means the id is taken. */
    public <T extends AwsStructure> void insert(Tx tx, DocumentType<T> type, Namespace ns, String id,
                                               Optional<String> parent, T value) {
        resources.insert(tx, key(type, ns, id), parent, type.write(value));
    }

    /** Optimistic update: false when someone else changed the resource since it was read. */
    public <T extends AwsStructure> boolean update(Tx tx, DocumentType<T> type, Namespace ns, String id,
                                                  long version, T value) {
        return resources.update(tx, key(type, ns, id), version, type.write(value));
    }

    /** Writes a new version of what was read; someone else's write in between is a conflict the caller retries. */
    public <T extends AwsStructure> void replace(Tx tx, DocumentType<T> type, Namespace ns, String id,
                                                Versioned<T> read, T value) {
        if (!update(tx, type, ns, id, read.version(), value)) {
            throw new ConcurrentUpdateException(type.kind() + " " + id);
        }
    }

    public boolean delete(Tx tx, DocumentType<?> type, Namespace ns, String id) {
        if (id.isEmpty()) {
            return false;
        }
        return resources.delete(tx, key(type, ns, id));
    }

    public <T extends AwsStructure> Page<T> list(Tx tx, DocumentType<T> type, Namespace ns, Optional<String> parent,
                                                Optional<String> afterId, int limit) {
        ResourcePage page = resources.list(tx, ns.account(), ns.region(), type.kind(), parent, afterId, limit);
        List<Keyed<T>> items = page.items().stream()
                .map(r -> new Keyed<>(r.key().id(), type.read(r.doc()))).toList();
        return new Page<>(items, page.nextAfterId());
    }

    public <T extends AwsStructure> Page<T> list(DocumentType<T> type, Namespace ns, Optional<String> parent,
                                                Optional<String> afterId, int limit) {
        return jdbc.autoCommit(tx -> list(tx, type, ns, parent, afterId, limit));
    }

    public long count(Tx tx, DocumentType<?> type, Namespace ns, Optional<String> parent) {
        return resources.count(tx, ns.account(), ns.region(), type.kind(), parent);
    }

    /**
     * Whether the namespace (under {@code parent}) holds fewer than {@code limit} resources of a
     * type, counted so that concurrent creators of that type take turns (see
     * {@link ResourceStore#countLocked}): call it in the creating transaction, and run that
     * transaction with {@link Retry#onConflict}.
     */
    public boolean belowQuota(Tx tx, DocumentType<?> type, Namespace ns, Optional<String> parent, int limit) {
        return resources.countLocked(tx, ns.account(), ns.region(), type.kind(), parent) < limit;
    }

    /** Ids of every resource of a kind under a parent (for cascading deletes; a parent has a bounded number). */
    public List<String> ids(Tx tx, DocumentType<?> type, Namespace ns, String parent) {
        ResourcePage page = resources.list(tx, ns.account(), ns.region(), type.kind(), Optional.of(parent),
                Optional.empty(), MAX_CHILDREN);
        return page.items().stream().map(StoredResource::key).map(ResourceKey::id).toList();
    }

    private static ResourceKey key(DocumentType<?> type, Namespace ns, String id) {
        return new ResourceKey(ns.account(), ns.region(), type.kind(), id);
    }

    /** A value with its storage id. */
    public record Keyed<T>(String id, T value) {
    }

    /** One page of a listing: its items and, when more follow, the id to continue after. */
    public record Page<T>(List<Keyed<T>> items, Optional<String> nextAfterId) {
    }
}
