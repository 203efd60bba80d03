package io.slipway.engine.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkersConfigTest {

    @Test
    void retriesBackOffExponentiallyUpToTheCap() {
        WorkersConfig config = WorkersConfig.defaults("node");
        assertThat(config.retryDelay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.retryDelay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.retryDelay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(config.retryDelay(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(config.retryDelay(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.retryDelay(10_000)).isEqualTo(Duration.ofMinutes(5));
    }
}
