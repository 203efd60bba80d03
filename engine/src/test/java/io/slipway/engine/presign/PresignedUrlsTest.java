package io.slipway.engine.presign;

import io.slipway.core.Namespace;
import io.slipway.core.codec.FormParser;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PresignedUrlsTest {
    private static final Namespace OWNER = new Namespace("111111111111", "eu-west-1");
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Database db = Database.open(DatabaseConfig.h2InMemory());
    private final ResourceStore resources = new ResourceStore(db.jdbc(), clock);
    private final PresignedUrls urls = new PresignedUrls(resources, clock, IdGenerator.uuid());

    @AfterEach
    void close() {
        db.close();
    }

    private static Map<String, String> parse(String query) {
        return FormParser.parse(query);
    }

    @Test
    void aUrlServesTheResourceItWasSignedForInItsNamespaceOnly() {
        Map<String, String> query = parse(urls.query(OWNER, "lambda-code/abc", Duration.ofMinutes(10)));

        assertThat(urls.check(query, "lambda-code/abc").namespace()).contains(OWNER);
        assertThat(urls.check(query, "lambda-code/abd").refusal()).contains(PresignedUrls.Refusal.INVALID);
        for (String[] change : new String[][] {{"account", "222222222222"}, {"region", "us-east-1"},
                {"expires", "99999999999"}, {"signature", "0".repeat(64)}}) {
            Map<String, String> forged = new java.util.HashMap<>(query);
            forged.put(change[0], change[1]);
            assertThat(urls.check(forged, "lambda-code/abc").refusal()).as(change[0]).contains(PresignedUrls.Refusal.INVALID);
            forged.remove(change[0]);
            assertThat(urls.check(forged, "lambda-code/abc").refusal()).as("no " + change[0])
                    .contains(PresignedUrls.Refusal.INVALID);
        }
    }

    @Test
    void aUrlExpires() {
        Map<String, String> query = parse(urls.query(OWNER, "r", Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        assertThat(urls.check(query, "r").refusal()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(urls.check(query, "r")).isEqualTo(new PresignedUrls.Result(Optional.empty(),
                Optional.of(PresignedUrls.Refusal.EXPIRED)));
    }

    @Test
    void theKeyLivesInTheStoreSoAnotherNodeOrARestartAcceptsTheUrl() {
        Map<String, String> query = parse(urls.query(OWNER, "r", Duration.ofMinutes(10)));
        PresignedUrls restarted = new PresignedUrls(resources, clock, () -> {
            throw new AssertionError("a key already in the store is used, not a new one");
        });
        assertThat(restarted.check(query, "r").namespace()).contains(OWNER);

        Database elsewhere = Database.open(DatabaseConfig.h2InMemory());
        try {
            PresignedUrls otherStore = new PresignedUrls(new ResourceStore(elsewhere.jdbc(), clock), clock, IdGenerator.uuid());
            assertThat(otherStore.check(query, "r").refusal()).as("another store has its own key")
                    .contains(PresignedUrls.Refusal.INVALID);
        } finally {
            elsewhere.close();
        }
    }
}
