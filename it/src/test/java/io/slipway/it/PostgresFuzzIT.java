package io.slipway.it;

import io.slipway.app.Slipway;
import io.slipway.it.fuzz.FuzzReport;
import io.slipway.it.fuzz.FuzzRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FuzzIT}'s run against a Slipway whose store is PostgreSQL, which refuses some text H2
 * takes (NUL characters, for one): no input may reach it in a form that makes the store fail.
 */
class PostgresFuzzIT {
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

    @Test
    void noInputBreaksSlipwayOnPostgres() throws Exception {
        FuzzReport report = new FuzzRun(URI.create(node.endpoint()), Long.getLong("slipway.fuzz.seed", 20261207L),
                Integer.getInteger("slipway.fuzz.cases", 30), 1, 4, "123456789012").run();
        System.out.println("fuzz on PostgreSQL: " + report.summary());
        assertThat(report.problems()).as(report.summary()).isEmpty();
    }
}
