package io.slipway.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Our own small schema migration runner. Not Flyway: Flyway discovers migrations by scanning the
 * classpath, which Slipway forbids (slow and unpredictable startup, breaks AOT caches). Here an
 * index file, {@code migrations.txt}, names each SQL file explicitly, one per line, in order.
 * Each pending migration runs in its own transaction together with its row in
 * {@code slipway_schema_history}; a checksum that differs from the recorded one, or a recorded
 * migration this build does not know among those it does, stops startup. Migrations past this
 * build's newest were applied by a newer Slipway (a rolling upgrade): then nothing is applied and
 * {@link #newerSchema} says so, for the node to stop taking work. (H2 commits DDL implicitly, so
 * there a failed migration can be half applied; PostgreSQL rolls it back.)
 * SQL files hold statements separated by a {@code ;} at the end of a line; lines starting with
 * {@code --} are comments. The same text must run on H2 and PostgreSQL.
 */
public final class Migrations {

    public record Migration(int version, String name, String sql, String checksum) {
        List<String> statements() {
            String withoutComments = sql.lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            return Pattern.compile(";\\s*(\n|$)").splitAsStream(withoutComments)
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    private record Applied(int version, String name, String checksum) { }

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");
    private static final String BUILT_IN = "io/slipway/engine/migrations";
    private static final String HISTORY_DDL = """
            CREATE TABLE IF NOT EXISTS slipway_schema_history (
              version INT PRIMARY KEY,
              name VARCHAR(200) NOT NULL,
              checksum VARCHAR(64) NOT NULL,
              applied_at BIGINT NOT NULL
            )""";

    private final List<Migration> migrations;

    public Migrations(List<Migration> migrations) {
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
                throw new MigrationException("migration versions must increase: " + migrations.get(i).name());
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    /** Slipway's schema. */
    public static Migrations builtIn() {
        return fromIndex(Migrations.class.getClassLoader(), BUILT_IN);
    }

    /** Reads {@code <directory>/migrations.txt} and the files it names, as resources of {@code loader}. */
    public static Migrations fromIndex(ClassLoader loader, String directory) {
        String index = read(loader, directory + "/migrations.txt");
        List<Migration> list = new ArrayList<>();
        for (String line : index.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = FILE_NAME.matcher(line);
            if (!m.matches()) {
                throw new MigrationException("migration file name must look like V1__what.sql: " + line);
            }
            // Line endings are normalised so a checkout with CRLF does not look like an edit.
            String sql = read(loader, directory + "/" + line).replace("\r\n", "\n");
            list.add(new Migration(Integer.parseInt(m.group(1)), line, sql, sha256(sql)));
        }
        return new Migrations(list);
    }

    public static Migrations none() {
        return new Migrations(List.of());
    }

    public List<Migration> migrations() {
        return migrations;
    }

    /**
     * Brings the schema up to date; returns how many migrations this call applied. A schema that a
     * newer Slipway has migrated further is left as it is (see {@link #newerSchema}).
     */
    public int apply(Jdbc jdbc) {
        // Under the lock too: two PostgreSQL nodes racing on CREATE TABLE IF NOT EXISTS can both try to create it.
        jdbc.runInTransaction(tx -> {
            lock(tx);
            tx.execute(HISTORY_DDL);
        });
        List<Applied> history = history(jdbc);
        verify(history);
        if (newest(history) > newest()) {
            return 0;
        }
        int applied = 0;
        for (Migration migration : migrations) {
            if (jdbc.inTransaction(tx -> applyOne(tx, migration))) {
                applied++;
            }
        }
        return applied;
    }

    private boolean applyOne(Tx tx, Migration migration) {
        lock(tx);
        // Re-read under the lock: another node may have applied it since we looked.
        boolean done = tx.queryOne("SELECT version FROM slipway_schema_history WHERE version = ?",
                ps -> ps.setInt(1, migration.version()), rs -> rs.getInt(1)).isPresent();
        if (done) {
            return false;
        }
        for (String statement : migration.statements()) {
            try {
                tx.execute(statement);
            } catch (StoreException e) {
                throw new MigrationException("migration " + migration.name() + " failed: " + e.getMessage(), e);
            }
        }
        tx.update("INSERT INTO slipway_schema_history (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)", ps -> {
            ps.setInt(1, migration.version());
            ps.setString(2, migration.name());
            ps.setString(3, migration.checksum());
            ps.setLong(4, System.currentTimeMillis());
        });
        return true;
    }

    private static void lock(Tx tx) {
        if (!tx.dialect().migrationLockSql().isEmpty()) {
            tx.query(tx.dialect().migrationLockSql(), Jdbc.Binder.NONE, rs -> 1);
        }
    }

    /**
     * Why this build should not work on the store's schema, if a newer Slipway has migrated it past
     * this build's newest migration: its code may not understand what the newer one writes.
     */
    public java.util.Optional<String> newerSchema(Jdbc jdbc) {
        List<Applied> history = history(jdbc);
        int newest = newest(history);
        if (newest <= newest()) {
            return java.util.Optional.empty();
        }
        String name = history.stream().filter(a -> a.version() == newest).map(Applied::name).findFirst().orElse("?");
        return java.util.Optional.of("the store's schema is at " + name + ", newer than this Slipway's newest migration ("
                + (migrations.isEmpty() ? "none" : migrations.getLast().name()) + "): a newer Slipway migrated it, so this"
                + " node takes no work; upgrade it");
    }

    /** The newest migration this build knows, 0 without any. */
    private int newest() {
        return migrations.isEmpty() ? 0 : migrations.getLast().version();
    }

    private static int newest(List<Applied> history) {
        return history.isEmpty() ? 0 : history.getLast().version();
    }

    private void verify(List<Applied> history) {
        Map<Integer, Migration> known = migrations.stream()
                .collect(Collectors.toMap(Migration::version, Function.identity()));
        for (Applied applied : history) {
            Migration migration = known.get(applied.version());
            if (migration == null && applied.version() > newest()) {
                continue; // a newer Slipway's: newerSchema tells
            }
            if (migration == null) {
                throw new MigrationException("the database has migration " + applied.name()
                        + " which this Slipway does not know, among migrations it knows");
            }
            if (!Objects.equals(migration.checksum(), applied.checksum())) {
                throw new MigrationException("migration " + migration.name() + " was changed after it was applied"
                        + " (checksum " + applied.checksum() + " in the database, " + migration.checksum()
                        + " now). Applied migrations must never be edited; add a new one.");
            }
        }
    }

    private static List<Applied> history(Jdbc jdbc) {
        return jdbc.query("SELECT version, name, checksum FROM slipway_schema_history ORDER BY version",
                Jdbc.Binder.NONE, rs -> new Applied(rs.getInt(1), rs.getString(2), rs.getString(3)));
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigrationException("missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException("cannot read " + resource, e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
