package io.slipway.s3.storage;

import io.slipway.engine.store.DatabaseConfig;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/** Fresh databases for the storage tests: H2 in memory, or a new PostgreSQL schema that is dropped afterwards. */
final class TestDatabases {
    private static final String URL = env("SLIPWAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("SLIPWAY_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("SLIPWAY_TEST_PG_PASSWORD", "");

    private TestDatabases() {
    }

    /** A fresh schema; skips the test when PostgreSQL is unreachable (fails on CI). */
    static DatabaseConfig postgres(String schema) {
        try {
            sql("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL unreachable at " + URL, e);
            }
            Assumptions.abort("PostgreSQL unreachable at " + URL + ": " + e.getMessage());
        }
        return DatabaseConfig.postgres(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, PASSWORD);
    }

    static String newSchemaName() {
        return "slipway_s3_test_" + UUID.randomUUID().toString().replace("-", "");
    }

    static void dropPostgres(String schema) {
        try {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // unreachable: nothing was created
        }
    }

    private static void sql(String statement) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        try (Connection c = new org.postgresql.Driver().connect(URL, props); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
