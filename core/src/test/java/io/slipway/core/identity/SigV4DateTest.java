package io.slipway.core.identity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SigV4's basic date-time, read by hand: what it takes and what it refuses. */
class SigV4DateTest {

    @Test
    void readsTheBasicFormInUtc() {
        assertThat(SigV4.basicDate("20260101T000000Z")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(SigV4.basicDate("20281231T235959Z")).isEqualTo(Instant.parse("2028-12-31T23:59:59Z"));
        assertThat(SigV4.basicDate("20280229T120000Z")).isEqualTo(Instant.parse("2028-02-29T12:00:00Z"));
    }

    @Test
    void refusesAnythingElse() {
        for (String text : List.of("", "20260101T000000", "2026-01-01T00:00:00Z", "20261301T000000Z", "20260100T000000Z",
                "20260230T000000Z", "20260101T240000Z", "20260101T006000Z", "20260101T000060Z", "20260101X000000Z",
                "2026010\uFF11T000000Z", "+2026010T000000Z", "20260101T00000 Z", "120260101T000000Z")) {
            assertThat(SigV4.basicDate(text)).as(text).isNull();
        }
    }
}
