package io.slipway.lambda.functions;

import io.slipway.engine.blob.Blobs;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeStoreTest {

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void manyUploadsOfOnePackageAtOnceAllSucceedWithTheSameFiles(@TempDir Path root) throws Exception {
        CodeStore store = new CodeStore(Blobs.inFiles(root, IdGenerator.uuid()), root);
        byte[] zip = zip("index.mjs", "export const handler = async () => 'same';\n");
        int uploads = 32;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CodeStore.Package>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(uploads)) {
            for (int i = 0; i < uploads; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    return store.store(zip);
                }));
            }
            start.countDown();
            for (Future<CodeStore.Package> f : done) {
                assertThat(f.get().size()).isEqualTo(zip.length);
            }
        }
        Path dir = store.directory(done.getFirst().get().sha256());
        assertThat(Files.readString(dir.resolve("index.mjs"))).contains("'same'");
        assertThat(store.zip(done.getFirst().get().sha256())).isEqualTo(zip);
        try (var left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".unpacking-"));
        }
    }

    @Test
    void aNodeThatNeverSawAPackageUnpacksItFromTheSharedStoreOnFirstUse(@TempDir Path nodeA, @TempDir Path nodeB)
            throws Exception {
        try (Database db = Database.open(DatabaseConfig.h2InMemory())) {
            Blobs shared = Blobs.inDatabase(db.jdbc(), "lambda-code", IdGenerator.uuid());
            byte[] zip = zip("index.py", "def handler(e, c): return 'from a'\n");
            CodeStore.Package pkg = new CodeStore(shared, nodeA).store(zip);
            CodeStore b = new CodeStore(shared, nodeB);
            assertThat(b.zip(pkg.sha256())).isEqualTo(zip);
            assertThat(Files.readString(b.directory(pkg.sha256()).resolve("index.py"))).contains("'from a'");
            // the package itself is not on either node's disk: only the unpacked cache is
            try (var files = Files.walk(nodeA)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".zip"));
            }
        }
    }

    @Test
    void aPackageThatDoesNotUnpackIsNotKept(@TempDir Path root) {
        Blobs blobs = Blobs.inFiles(root, IdGenerator.uuid());
        byte[] notAZip = "not a zip".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new CodeStore(blobs, root).store(notAZip))
                .hasMessageContaining("Could not unzip");
        assertThat(blobs.exists(CodeStore.sha256(notAZip).replace('/', '_').replace('+', '-').replace("=", "") + ".zip"))
                .isFalse();
        assertThatThrownBy(() -> new CodeStore(blobs, root).zip(CodeStore.sha256(notAZip)))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }
}
