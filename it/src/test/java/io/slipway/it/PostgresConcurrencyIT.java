package io.slipway.it;

import io.slipway.app.Slipway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ConcurrencyContract} on PostgreSQL, in a schema of its own (see {@link PostgresSchema}). */
class PostgresConcurrencyIT extends ConcurrencyContract {
    private static PostgresSchema schema;
    private static Slipway node;

    @BeforeAll
    static void start() {
        schema = PostgresSchema.create();
        node = Slipway.start(schema.config());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (schema != null) {
            schema.drop();
        }
    }

    @Override
    String endpoint() {
        return node.endpoint();
    }
}
