package io.slipway.app;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IdleHeapTrimTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger collections = new AtomicInteger();
    private final IdleHeapTrim trim = IdleHeapTrim.manual(now::get, collections::incrementAndGet);
    private final io.slipway.core.http.HttpHandler handler = trim.counting(r -> HttpResponse.text(200, "text/plain", "ok"));

    private void request() {
        handler.handle(new HttpRequest("GET", "/", null, Map.of(), new byte[0]));
    }

    private void after(Duration d) {
        now.addAndGet(d.toNanos());
        trim.check();
    }

    @Test
    void collectsOnceWhenABurstHasBeenQuietLongEnough() {
        after(Duration.ofSeconds(30));
        assertThat(collections).hasValue(0); // no requests yet: nothing to give back
        request();
        request();
        after(Duration.ofSeconds(1));
        after(IdleHeapTrim.QUIET.minusMillis(1));
        assertThat(collections).hasValue(0); // not quiet long enough
        after(Duration.ofMillis(1));
        assertThat(collections).hasValue(1);
        after(Duration.ofMinutes(5));
        assertThat(collections).hasValue(1); // once per burst
        request();
        after(Duration.ofSeconds(1));
        after(IdleHeapTrim.QUIET);
        assertThat(collections).hasValue(2);
    }
}
