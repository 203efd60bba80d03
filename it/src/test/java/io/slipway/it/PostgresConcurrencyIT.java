package io.slipway.it;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConcurrencyContract} on PostgreSQL, in a schema of its own. */
class PostgresConcurrencyIT extends ConcurrencyContract {
    @RegisterExtension
    static final PostgresNode node = new PostgresNode();

    @Override
    String endpoint() {
        return node.endpoint();
    }
}
