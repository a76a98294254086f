package io.fluentkafka.worker.health;

import io.fluentkafka.worker.fluent.ConnectionAvailability.Reason;
import io.fluentkafka.worker.fluent.ConnectionAvailability.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the anonymous readiness endpoint shows per Fluent connection: a category and since when, no message text. */
class FluentHealthIndicatorTest {

    @Test
    void showsADownConnectionsCategorySinceWhenAndFailedProbesOnly() {
        Instant since = Instant.parse("2026-01-01T10:00:00Z");

        Map<String, Object> details = FluentHealthIndicator.details(List.of(
                new Status("default", true, null, null, 0),
                new Status("eu", false, since, Reason.CREDENTIALS_REJECTED, 3)));

        assertThat(details).containsExactly(
                Map.entry("default", Map.of("status", "UP")),
                Map.entry("eu", Map.of("status", "DOWN", "since", "2026-01-01T10:00:00Z", "reason", "CREDENTIALS_REJECTED",
                        "failedProbes", 3)));
    }
}
