package io.slipway.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on PostgreSQL. Each database a test asks for is a fresh schema with a random name,
 * dropped afterwards, so runs never collide. Unreachable PostgreSQL skips the class locally and
 * fails it on CI.
 */
class PostgresStoreTest extends StoreContract {

    private static final String URL = env("SLIPWAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("SLIPWAY_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("SLIPWAY_TEST_PG_PASSWORD", "");

    private final List<String> schemas = new ArrayList<>();

    private static String unreachable; // why PostgreSQL cannot be used, or null when it can

    @BeforeAll
    static void probePostgres() {
        try {
            connect().close();
            unreachable = null;
        } catch (SQLException e) {
            unreachable = "PostgreSQL unreachable at " + URL + ": " + e.getMessage();
        }
    }

    /** Per test, so a local run without PostgreSQL reports every test as skipped, not none. */
    private static void requirePostgres() {
        if (unreachable != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(unreachable);
        }
        Assumptions.assumeTrue(unreachable == null, unreachable);
    }

    @Override
    protected DatabaseConfig freshDatabase() {
        requirePostgres();
        String schema = "slipway_test_" + UUID.randomUUID().toString().replace("-", "");
        sql("CREATE SCHEMA " + schema);
        schemas.add(schema);
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return DatabaseConfig.postgres(url, USER, PASSWORD);
    }

    @Override
    protected void dropDatabases() {
        schemas.forEach(schema -> sql("DROP SCHEMA " + schema + " CASCADE"));
        schemas.clear();
    }

    @Test
    void nodesStartingTogetherMigrateOnce() throws Exception {
        DatabaseConfig config = freshDatabase();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<Database>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(threads.submit(() -> Database.open(config)));
            }
            for (Future<Database> f : opening) {
                f.get().close();
            }
        }
        try (Database db = Database.open(config)) {
            assertThat(db.jdbc().queryOne("SELECT COUNT(*) FROM slipway_schema_history", Jdbc.Binder.NONE,
                    rs -> rs.getInt(1))).contains(Migrations.builtIn().migrations().size());
        }
    }

    private static void sql(String statement) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    private static Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        if (!PASSWORD.isEmpty()) {
            props.setProperty("password", PASSWORD);
        }
        props.setProperty("connectTimeout", "3");
        return new org.postgresql.Driver().connect(URL, props);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
