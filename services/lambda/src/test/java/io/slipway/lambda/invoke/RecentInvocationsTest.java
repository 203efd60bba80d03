package io.slipway.lambda.invoke;

import io.slipway.core.Namespace;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Bounded per function and in functions; namespaces never see each other's invocations. */
class RecentInvocationsTest {
    private static final Namespace NS = new Namespace("111111111111", "us-east-1");

    private static RecentInvocations.Invocation run(int i) {
        return new RecentInvocations.Invocation("r" + i, "$LATEST", Instant.EPOCH.plusSeconds(i), Duration.ofMillis(i), "", "");
    }

    @Test
    void keepsTheNewestOfEachFunctionAndForgetsTheLeastRecentlyUsedFunction() {
        RecentInvocations recent = new RecentInvocations();
        for (int i = 0; i < RecentInvocations.KEPT + 5; i++) {
            recent.add(NS, "busy", run(i));
        }
        assertThat(recent.of(NS, "busy")).hasSize(RecentInvocations.KEPT).first()
                .extracting(RecentInvocations.Invocation::requestId).isEqualTo("r" + (RecentInvocations.KEPT + 4));
        for (int f = 0; f < RecentInvocations.FUNCTIONS - 1; f++) {
            recent.add(NS, "fn-" + f, run(f));
        }
        recent.of(NS, "busy"); // used: fn-0 is now the least recently used
        recent.add(NS, "one-more", run(0));
        assertThat(recent.of(NS, "fn-0")).isEmpty();
        assertThat(recent.of(NS, "busy")).isNotEmpty();
        assertThat(recent.of(new Namespace("222222222222", "us-east-1"), "busy")).isEmpty();
    }
}
