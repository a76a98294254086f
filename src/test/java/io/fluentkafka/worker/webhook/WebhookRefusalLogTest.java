package io.fluentkafka.worker.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals anyone can cause log at most once per reason and minute, on a moved clock, counting what they left out. */
class WebhookRefusalLogTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RefusalLog log = new RefusalLog(now::get, Duration.ofMinutes(1));

    @Test
    void logsTheFirstOfAReasonThenOnlyOncePerIntervalWithTheCountLeftOut() {
        assertThat(log.admit("invalid_signature")).isZero();
        for (int i = 0; i < 1_000; i++) {
            assertThat(log.admit("invalid_signature")).isEqualTo(-1);
        }
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(log.admit("invalid_signature")).isEqualTo(-1);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(log.admit("invalid_signature")).isEqualTo(1_001);
        assertThat(log.admit("invalid_signature")).isEqualTo(-1);
    }

    @Test
    void reasonsAreLimitedApart() {
        assertThat(log.admit("busy")).isZero();
        assertThat(log.admit("missing_signature")).isZero();
        assertThat(log.admit("busy")).isEqualTo(-1);
        assertThat(log.admit("read_timeout")).isZero();
    }
}
