package io.slipway.engine.store;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh schemas with random names on the test PostgreSQL, so runs never collide. Unreachable
 * PostgreSQL skips the asking test locally and fails it on CI.
 */
public final class TestPostgres {
    private static final String URL = env("SLIPWAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("SLIPWAY_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("SLIPWAY_TEST_PG_PASSWORD", "");
    private static volatile String unreachable; // why PostgreSQL cannot be used, "" when it can, null before probing

    private TestPostgres() {
    }

    /** Per test, so a local run without PostgreSQL reports every test as skipped, not none. */
    public static void require() {
        if (unreachable == null) {
            try {
                connect().close();
                unreachable = "";
            } catch (SQLException e) {
                unreachable = "PostgreSQL unreachable at " + URL + ": " + e.getMessage();
            }
        }
        if (!unreachable.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(unreachable);
        }
        Assumptions.assumeTrue(unreachable.isEmpty(), unreachable);
    }

    /** A new empty schema's name; {@link #config} connects to it, {@link #drop} removes it. */
    public static String createSchema() {
        require();
        String schema = "slipway_test_" + UUID.randomUUID().toString().replace("-", "");
        sql("CREATE SCHEMA " + schema);
        return schema;
    }

    public static DatabaseConfig config(String schema) {
        return DatabaseConfig.postgres(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, PASSWORD);
    }

    public static void drop(String schema) {
        sql("DROP SCHEMA " + schema + " CASCADE");
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
