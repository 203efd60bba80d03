package io.slipway.engine.store;

import java.lang.System.Logger.Level;

/**
 * An open store: its connection pool, its {@link Jdbc} helper and an up-to-date schema.
 * Opening applies pending migrations, so a {@code Database} in hand is always ready to use.
 */
public final class Database implements AutoCloseable {

    /** Created on first use: initialising the logging backend costs start-up time that most runs never need. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(Database.class.getName());
    }

    private final DatabaseConfig config;
    private final ConnectionPool pool;
    private final Jdbc jdbc;
    private final Migrations migrations;

    private Database(DatabaseConfig config, Migrations migrations) {
        this.config = config;
        this.migrations = migrations;
        this.pool = new ConnectionPool(config);
        this.jdbc = new Jdbc(pool, config);
    }

    /** Opens the database and applies Slipway's own migrations. */
    public static Database open(DatabaseConfig config) {
        return open(config, Migrations.builtIn());
    }

    public static Database open(DatabaseConfig config, Migrations migrations) {
        Database database = new Database(config, migrations);
        try {
            int applied = migrations.apply(database.jdbc);
            if (applied > 0) {
                Log.LOG.log(Level.INFO, "applied {0} schema migration(s)", applied);
            }
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public DatabaseConfig config() {
        return config;
    }

    public Dialect dialect() {
        return config.dialect();
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    /**
     * Why this node should take no work, if a newer Slipway has migrated the schema past what this
     * one knows (a rolling upgrade in progress); asked again as time goes by, since another node may
     * migrate it at any moment.
     */
    public java.util.Optional<String> newerSchema() {
        return migrations.newerSchema(jdbc);
    }

    /**
     * A connection of its own, outside the pool, for a session that lasts, such as PostgreSQL's
     * LISTEN; the caller closes it.
     */
    public java.sql.Connection openSession() {
        return pool.openUnpooled();
    }

    /**
     * Closes the pool. An embedded H2 database is shut down explicitly: an in-memory one would
     * otherwise live on (DB_CLOSE_DELAY=-1), and a file one is released for the next process.
     * Stop the workers first; statements still running fail.
     */
    @Override
    public void close() {
        if (config.dialect() == Dialect.H2) {
            try {
                jdbc.autoCommit(tx -> {
                    tx.execute("SHUTDOWN");
                    return null;
                });
            } catch (StoreException e) {
                Log.LOG.log(Level.DEBUG, "H2 shutdown: {0}", e.getMessage());
            }
        }
        pool.close();
    }
}
