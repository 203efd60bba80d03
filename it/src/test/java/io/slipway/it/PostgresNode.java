package io.slipway.it;

import io.slipway.app.Slipway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Slipway node on PostgreSQL, in a schema of its own, for one test class: register with
 * {@code @RegisterExtension static final PostgresNode node = new PostgresNode();}. A class marked
 * {@link VerifiesSignatures} gets a node in verification mode.
 */
final class PostgresNode implements BeforeAllCallback, AfterAllCallback {
    private PostgresSchema schema;
    private Slipway node;

    @Override
    public void beforeAll(ExtensionContext context) {
        schema = PostgresSchema.create();
        node = Slipway.start(SlipwayServer.verifies(context) ? SlipwayServer.verifying(schema.config()) : schema.config());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (node != null) {
            node.close();
        }
        if (schema != null) {
            schema.drop();
        }
    }

    String endpoint() {
        return node.endpoint();
    }
}
