package io.slipway.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract on PostgreSQL. Each database a test asks for is a fresh schema with a random name,
 * dropped afterwards, so runs never collide. Unreachable PostgreSQL skips the class locally and
 * fails it on CI.
 */
class PostgresStoreTest extends StoreContract {

    private final List<String> schemas = new ArrayList<>();

    @Override
    protected DatabaseConfig freshDatabase() {
        String schema = TestPostgres.createSchema();
        schemas.add(schema);
        return TestPostgres.config(schema);
    }

    @Override
    protected void dropDatabases() {
        schemas.forEach(TestPostgres::drop);
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
}
