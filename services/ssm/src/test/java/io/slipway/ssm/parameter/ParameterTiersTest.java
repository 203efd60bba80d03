package io.slipway.ssm.parameter;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.ResourceStore;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.ssm.ParameterTier;
import io.slipway.model.ssm.ParameterType;
import io.slipway.model.ssm.PutParameterRequest;
import io.slipway.ssm.store.SsmStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Tier quotas hold under concurrent creators; Intelligent-Tiering moves to Advanced when Standard is full. */
class ParameterTiersTest {
    private static final Namespace NS = new Namespace("123456789012", "eu-west-1");
    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final Database db = Database.open(DatabaseConfig.h2InMemory());
    private final SsmStore store = new SsmStore(db.jdbc(), new ResourceStore(db.jdbc(), clock));
    private final Parameters parameters = new Parameters(store, clock, new ParameterTiers(store, 5, 3));

    @AfterEach
    void close() {
        db.close();
    }

    private static PutParameterRequest put(String name, ParameterTier tier) {
        return PutParameterRequest.builder().name(name).value("v").type(ParameterType.STRING).tier(tier).build();
    }

    @Test
    void concurrentCreatorsNeverTakeARegionPastItsStandardQuota() throws Exception {
        AtomicInteger created = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String name = "/q/p" + i;
                calls.add(pool.submit(() -> {
                    try {
                        parameters.put(NS, put(name, null));
                        created.incrementAndGet();
                    } catch (AwsException e) {
                        failures.merge(e.error().type(), 1, Integer::sum);
                    }
                }));
            }
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(created.get()).isEqualTo(5);
        assertThat(failures).isEqualTo(Map.of("ParameterLimitExceeded", 19));
    }

    @Test
    void intelligentTieringTakesAdvancedWhenStandardIsFullAndDeletionFreesRoom() {
        for (int i = 0; i < 5; i++) {
            assertThat(parameters.put(NS, put("/s/p" + i, ParameterTier.STANDARD)).tier()).isEqualTo(ParameterTier.STANDARD);
        }
        assertThat(parameters.put(NS, put("/s/smart", ParameterTier.INTELLIGENT_TIERING)).tier())
                .isEqualTo(ParameterTier.ADVANCED);
        parameters.delete(NS, "/s/p0");
        assertThat(parameters.put(NS, put("/s/again", ParameterTier.STANDARD)).tier()).isEqualTo(ParameterTier.STANDARD);
        parameters.put(NS, put("/a/1", ParameterTier.ADVANCED));
        parameters.put(NS, put("/a/2", ParameterTier.ADVANCED));
        AwsException full = org.junit.jupiter.api.Assertions.assertThrows(AwsException.class,
                () -> parameters.put(NS, put("/a/3", ParameterTier.ADVANCED)));
        assertThat(full.error().type()).isEqualTo("ParameterLimitExceeded");
    }
}
