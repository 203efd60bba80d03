package io.slipway.engine.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Where the store lives. {@code user} and {@code password} are empty when the URL carries them
 * or the database needs none.
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize, Duration acquireTimeout) {

    /**
     * Measured on H2 2.3.232 (numbers in engine/README.md):
     * WRITE_DELAY=0 - with H2's default background flush, acknowledged commits were lost when the
     * process was killed with -9 (once the whole database). 0 makes H2 write each commit before it
     * returns; {@link GroupCommit} then takes over and writes one chunk for the commits that wait
     * together. RETENTION_TIME=1000 - with a chunk per commit the default 45 s retention let the
     * file grow to 4.8 GB under sustained writes; with 1 s it levels off (212 MiB after 250,000
     * writes, 238 MiB after 500,000). 0 is not safe: a clean shutdown after a few ordinary
     * transactions reopened as an empty database (RestartIT). An OS crash or power loss (not a
     * process crash) may still damage the file: use PostgreSQL for data that must survive that.
     * QUERY_CACHE_SIZE: the default 8 is fewer than the statements on the hot path; a miss re-parses.
     * DB_CLOSE_ON_EXIT=FALSE: the application closes the database after its workers stop.
     */
    private static final String H2_OPTIONS =
            ";WRITE_DELAY=0;RETENTION_TIME=1000;QUERY_CACHE_SIZE=64;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";

    public DatabaseConfig {
        Objects.requireNonNull(user, "user (empty for none)");
        Objects.requireNonNull(password, "password (empty for none)");
        Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
        }
        Dialect.of(jdbcUrl);
    }

    /** The embedded default: {@code <dataDir>/slipway.mv.db}. */
    public static DatabaseConfig h2File(Path dataDir) {
        String dir = dataDir.toAbsolutePath().normalize().toString();
        if (dir.contains(";")) {
            throw new IllegalArgumentException("data directory must not contain ';': " + dir);
        }
        return new DatabaseConfig("jdbc:h2:file:" + dir + "/slipway" + H2_OPTIONS, "", "", 8, Duration.ofSeconds(30));
    }

    /** {@code --ephemeral}: a private in-memory database that disappears when closed. */
    public static DatabaseConfig h2InMemory() {
        // DB_CLOSE_DELAY=-1 keeps it alive while the pool briefly holds no connection; close() shuts it down.
        String url = "jdbc:h2:mem:slipway-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + H2_OPTIONS;
        return new DatabaseConfig(url, "", "", 8, Duration.ofSeconds(30));
    }

    public static DatabaseConfig postgres(String jdbcUrl, String user, String password) {
        if (Dialect.of(jdbcUrl) != Dialect.POSTGRES) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + jdbcUrl);
        }
        return new DatabaseConfig(jdbcUrl, user, password, 10, Duration.ofSeconds(30));
    }

    public DatabaseConfig withPoolSize(int size) {
        return new DatabaseConfig(jdbcUrl, user, password, size, acquireTimeout);
    }

    public Dialect dialect() {
        return Dialect.of(jdbcUrl);
    }

    /** An embedded H2 database in a file (not {@code mem:}, not a server): Slipway makes its commits durable. */
    boolean embeddedFile() {
        return dialect() == Dialect.H2 && !jdbcUrl.startsWith("jdbc:h2:mem:") && !jdbcUrl.startsWith("jdbc:h2:tcp:")
                && !jdbcUrl.startsWith("jdbc:h2:ssl:");
    }

    /** The URL with any password masked, for logs and error messages. */
    public String redactedUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** Never prints the password: configs end up in logs. */
    @Override
    public String toString() {
        return "DatabaseConfig[" + redactedUrl() + ", user=" + user
                + ", poolSize=" + poolSize + ", acquireTimeout=" + acquireTimeout + "]";
    }
}
