package io.slipway.engine.store;

import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.clock.ManualClock;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Documents that cannot be stored so they read back are refused; those that no longer read do not hide the rest. */
class DocumentStoreTest {
    private static final Namespace NS = new Namespace("111122223333", "eu-west-1");

    /** A note: some text, and any JSON value. */
    record Note(String text, Object body) implements AwsStructure {
        static final Shape SHAPE = new Shape("Note", ShapeType.STRUCTURE)
                .member(Member.of("text", new Shape("String", ShapeType.STRING)))
                .member(Member.of("body", new Shape("Document", ShapeType.DOCUMENT)));

        @Override
        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("text", text);
            if (body != null) {
                d.put("body", body);
            }
            return d;
        }
    }

    private static final DocumentType<Note> NOTE = new DocumentType<>("test.note", Note.SHAPE,
            d -> new Note((String) d.get("text"), d.get("body")));

    private final Database db = Database.open(DatabaseConfig.h2InMemory());
    private final ResourceStore resources = new ResourceStore(db.jdbc(), new ManualClock(Instant.parse("2025-03-01T10:00:00Z")));
    private final DocumentStore store = new DocumentStore(db.jdbc(), resources);

    @AfterEach
    void close() {
        db.close();
    }

    private void put(String id, Note note) {
        store.inTransaction(tx -> {
            store.insert(tx, NOTE, NS, id, Optional.empty(), note);
            return null;
        });
    }

    /** What an older version or a damaged disk could have left: JSON nested deeper than the reader accepts. */
    private void putUnreadable(String id) {
        resources.insert(new ResourceKey(NS.account(), NS.region(), NOTE.kind(), id), Optional.empty(),
                "{\"text\":\"x\",\"body\":" + "[".repeat(100) + "]".repeat(100) + "}");
    }

    @Test
    void anUnreadableDocumentIsLeftOutOfListingsAndNamedWhereAskedForById() {
        put("a", new Note("first", null));
        putUnreadable("b");
        put("c", new Note("third", null));

        List<String> listed = store.list(NOTE, NS, Optional.empty(), Optional.empty(), 10).items().stream()
                .map(k -> k.id() + "=" + k.value().text()).toList();
        assertThat(listed).containsExactly("a=first", "c=third");
        Optional<Versioned<Note>> readable = store.inTransaction(tx -> store.getIfReadable(tx, NOTE, NS, "b"));
        assertThat(readable).isEmpty();
        assertThatThrownBy(() -> store.inTransaction(tx -> store.get(tx, NOTE, NS, "b")))
                .isInstanceOfSatisfying(UnreadableDocumentException.class, e -> {
                    assertThat(e.key().id()).isEqualTo("b");
                    assertThat(e.version()).isEqualTo(1);
                });

        // what cannot be read can still be replaced through the version the error carries
        long version = ((UnreadableDocumentException) org.assertj.core.api.Assertions.catchThrowable(
                () -> store.get(NOTE, NS, "b"))).version();
        boolean replaced = store.inTransaction(tx -> store.update(tx, NOTE, NS, "b", version, new Note("mended", null)));
        assertThat(replaced).isTrue();
        assertThat(store.get(NOTE, NS, "b")).map(Note::text).contains("mended");
    }

    @Test
    void aDocumentNestedDeeperThanTheReaderAcceptsIsRefusedBeforeAnythingIsWritten() {
        Object deep = "leaf";
        for (int i = 0; i < 70; i++) {
            deep = List.of(deep);
        }
        Note note = new Note("deep", deep);
        assertThatThrownBy(() -> put("deep", note)).isInstanceOf(DocumentTooLargeException.class)
                .hasMessage("The test.note deep cannot be stored: its document is nested too deeply to be read back");
        assertThat(resources.get(new ResourceKey(NS.account(), NS.region(), NOTE.kind(), "deep"))).isEmpty();
    }

    @Test
    void nothingIsStoredUnderAnEmptyId() {
        assertThat(store.get(NOTE, NS, "")).isEmpty();
        Optional<Versioned<Note>> inTx = store.inTransaction(tx -> store.get(tx, NOTE, NS, ""));
        assertThat(inTx).isEmpty();
        boolean deleted = store.inTransaction(tx -> store.delete(tx, NOTE, NS, ""));
        assertThat(deleted).isFalse();
    }
}
