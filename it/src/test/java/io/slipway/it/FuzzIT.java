package io.slipway.it;

import io.slipway.it.fuzz.FuzzReport;
import io.slipway.it.fuzz.FuzzRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model-driven bad-input suite against an in-process Slipway: every operation of every served
 * service, with missing, empty, mistyped, out-of-range, over-long, badly encoded and deeply nested
 * input and broken bodies, paths and headers. No answer may be a 5xx (but 501 for operations not
 * built yet), name a Java class, or leave the protocol's error envelope; Slipway stays healthy.
 * {@code -Dslipway.fuzz.cases=N} and {@code -Dslipway.fuzz.rounds=N} make the run longer.
 */
class FuzzIT {
    @RegisterExtension
    static final SlipwayServer slipway = SlipwayServer.withDataDirectory();

    @Test
    void noInputBreaksSlipway() throws Exception {
        int cases = Integer.getInteger("slipway.fuzz.cases", 30);
        int rounds = Integer.getInteger("slipway.fuzz.rounds", 1);
        long seed = Long.getLong("slipway.fuzz.seed", 20261206L);
        FuzzReport report = new FuzzRun(URI.create(slipway.endpoint()), seed, cases, rounds, 4, "123456789012").run();
        System.out.println("fuzz (seed " + seed + "): " + report.summary());
        java.nio.file.Files.write(java.nio.file.Path.of("target", getClass().getSimpleName() + "-problems.txt"), report.problems());
        assertThat(report.problems()).as(report.summary()).isEmpty();
        assertThat(report.operationsCovered()).isGreaterThan(350);
        // and Slipway is still healthy: it answers a plain request as before
        assertThat(RawHttp.get(slipway.endpoint() + "/_slipway/health").statusCode()).isEqualTo(200);
        assertThat(slipway.codeDeploy().listApplications().applications()).isNotNull();
    }
}
