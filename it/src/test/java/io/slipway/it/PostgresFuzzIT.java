package io.slipway.it;

import io.slipway.it.fuzz.FuzzReport;
import io.slipway.it.fuzz.FuzzRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FuzzIT}'s run against a Slipway whose store is PostgreSQL, which refuses some text H2
 * takes (NUL characters, for one): no input may reach it in a form that makes the store fail.
 */
class PostgresFuzzIT {
    @RegisterExtension
    static final PostgresNode node = new PostgresNode();

    @Test
    void noInputBreaksSlipwayOnPostgres() throws Exception {
        FuzzReport report = new FuzzRun(URI.create(node.endpoint()), Long.getLong("slipway.fuzz.seed", 20261207L),
                Integer.getInteger("slipway.fuzz.cases", 30), 1, 4, "123456789012").run();
        System.out.println("fuzz on PostgreSQL: " + report.summary());
        assertThat(report.problems()).as(report.summary()).isEmpty();
    }
}
