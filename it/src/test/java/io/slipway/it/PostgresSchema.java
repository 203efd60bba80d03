package io.slipway.it;

import io.slipway.app.SlipwayConfig;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A schema of its own on the test PostgreSQL ({@code SLIPWAY_TEST_PG_URL}, default 127.0.0.1:5432/test),
 * for one test class. Without PostgreSQL the class is skipped, except under CI=true, where that fails.
 */
public record PostgresSchema(String name) {
    private static final String URL = System.getenv().getOrDefault("SLIPWAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("SLIPWAY_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv("SLIPWAY_TEST_PG_PASSWORD");

    public static PostgresSchema create() {
        PostgresSchema schema = new PostgresSchema("it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            c.createStatement().execute("create schema " + schema.name);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is required under CI=true: " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL is not reachable: " + e.getMessage());
        }
        return schema;
    }

    /** The JDBC URL of this schema: what a node's {@code --database-url} names, and for tests that look at rows themselves. */
    public String url() {
        return URL + "?currentSchema=" + name;
    }

    public String user() {
        return USER;
    }

    /** The password, or null where PostgreSQL trusts the test user. */
    public String password() {
        return PASSWORD;
    }

    /** A connection to this schema, for reading what the nodes store (their leases, their rows). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    /** An ephemeral server on a free port whose store is this schema. */
    SlipwayConfig config() {
        return SlipwayConfig.ephemeralOnFreePort().withDatabase(url(), USER, PASSWORD);
    }

    /** Runs a statement in this schema, e.g. to play a part no test client can (a newer Slipway's migration). */
    void sql(String statement) {
        try (Connection c = connect()) {
            c.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    long count(String query) {
        try (Connection c = connect(); var rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    public void drop() {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            c.createStatement().execute("drop schema if exists " + name + " cascade");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
