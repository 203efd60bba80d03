package io.slipway.engine.store;

import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.model.runtime.AwsStructure;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resources stored as their wire documents, by type, namespace and id: what every service's
 * domain reads and writes, over the engine's ResourceStore. Services subclass it to name their
 * document types.
 *
 * <p>A document that cannot be stored so that it reads back is refused ({@link DocumentTooLargeException}).
 * One that no longer reads (stored by an older version, or damaged) is an {@link UnreadableDocumentException}
 * where it is asked for by id, and is left out of listings, so that it cannot hide everything else.
 * Nothing is stored under an empty id, so looking one up finds nothing.
 */
public class DocumentStore {
    /** Created on first use, like the workers' logger. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(DocumentStore.class.getName());
    }

    /** More children than any parent may have (CodeDeploy allows 1,000 deployment groups per application). */
    private static final int MAX_CHILDREN = 10_000;
    private final Jdbc jdbc;
    private final ResourceStore resources;
    /** Unreadable documents already logged: each is reported once, not on every listing. */
    private final Set<ResourceKey> reported = ConcurrentHashMap.newKeySet();

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

    /**
     * The resource with its version; {@link UnreadableDocumentException} if it is stored but cannot
     * be read. Nothing is stored under an empty id, so a client's empty name finds nothing.
     */
    public <T extends AwsStructure> Optional<Versioned<T>> get(Tx tx, DocumentType<T> type, Namespace ns, String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return resources.get(tx, key(type, ns, id)).map(r -> new Versioned<>(read(type, r), r.version(), r.parent()));
    }

    /**
     * Like {@link #get(Tx, DocumentType, Namespace, String)}, with the row locked until the transaction
     * ends: for a read-modify-write of one document that many writers share (tags), so that they take
     * turns instead of relying on the versioned update alone.
     */
    public <T extends AwsStructure> Optional<Versioned<T>> getForUpdate(Tx tx, DocumentType<T> type, Namespace ns,
                                                                       String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return resources.getForUpdate(tx, key(type, ns, id)).map(r -> new Versioned<>(read(type, r), r.version(), r.parent()));
    }

    public <T extends AwsStructure> Optional<T> get(DocumentType<T> type, Namespace ns, String id) {
        return id.isEmpty() ? Optional.empty() : resources.get(key(type, ns, id)).map(r -> read(type, r));
    }

    /** Like {@link #get(Tx, DocumentType, Namespace, String)}, but a document that cannot be read counts as absent (and is logged once). */
    public <T extends AwsStructure> Optional<Versioned<T>> getIfReadable(Tx tx, DocumentType<T> type, Namespace ns,
                                                                       String id) {
        try {
            return get(tx, type, ns, id);
        } catch (UnreadableDocumentException e) {
            reportOnce(e);
            return Optional.empty();
        }
    }

    /** Inserts; a DuplicateKeyException from the engine means the id is taken. */
    public <T extends AwsStructure> void insert(Tx tx, DocumentType<T> type, Namespace ns, String id,
                                               Optional<String> parent, T value) {
        ResourceKey key = key(type, ns, id);
        resources.insert(tx, key, parent, write(type, key, value));
    }

    /** Optimistic update: false when someone else changed the resource since it was read. */
    public <T extends AwsStructure> boolean update(Tx tx, DocumentType<T> type, Namespace ns, String id,
                                                  long version, T value) {
        ResourceKey key = key(type, ns, id);
        return resources.update(tx, key, version, write(type, key, value));
    }

    /** Writes a new version of what was read; someone else's write in between is a conflict the caller retries. */
    public <T extends AwsStructure> void replace(Tx tx, DocumentType<T> type, Namespace ns, String id,
                                                Versioned<T> read, T value) {
        if (!update(tx, type, ns, id, read.version(), value)) {
            throw new ConcurrentUpdateException(type.kind() + " " + id);
        }
    }

    public boolean delete(Tx tx, DocumentType<?> type, Namespace ns, String id) {
        return !id.isEmpty() && resources.delete(tx, key(type, ns, id));
    }

    /** A page in id order; documents that cannot be read are left out (and logged once), so a page may hold fewer than its limit. */
    public <T extends AwsStructure> Page<T> list(Tx tx, DocumentType<T> type, Namespace ns, Optional<String> parent,
                                                Optional<String> afterId, int limit) {
        ResourcePage page = resources.list(tx, ns.account(), ns.region(), type.kind(), parent, afterId, limit);
        List<Keyed<T>> items = new ArrayList<>(page.items().size());
        for (StoredResource r : page.items()) {
            try {
                items.add(new Keyed<>(r.key().id(), read(type, r)));
            } catch (UnreadableDocumentException e) {
                reportOnce(e);
            }
        }
        return new Page<>(List.copyOf(items), page.nextAfterId());
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

    private static <T extends AwsStructure> T read(DocumentType<T> type, StoredResource r) {
        try {
            return type.read(r.doc());
        } catch (RuntimeException e) { // the codec's MalformedInputException, or the type's reader on a layout it does not know
            throw new UnreadableDocumentException(r.key(), r.version(), e);
        }
    }

    /** The document as the codec writes it; the codec refuses what it could not read back (nesting too deep). */
    private static <T extends AwsStructure> String write(DocumentType<T> type, ResourceKey key, T value) {
        try {
            return type.write(value);
        } catch (UncheckedIOException e) { // writing to memory fails only on the codec's write constraints
            throw new DocumentTooLargeException(key, "its document is nested too deeply to be read back");
        }
    }

    private void reportOnce(UnreadableDocumentException e) {
        if (reported.add(e.key())) {
            Log.LOG.log(Level.WARNING, e.getMessage() + " (account " + e.key().account() + ", region "
                    + e.key().region() + "); it is left out of listings until it is replaced or deleted", e.getCause());
        }
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
