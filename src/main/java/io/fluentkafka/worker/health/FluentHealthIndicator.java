package io.fluentkafka.worker.health;

import io.fluentkafka.worker.fluent.ConnectionAvailability;
import io.fluentkafka.worker.fluent.FluentConnections;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readiness: DOWN while any Fluent connection is down (its commands are waiting), with, per connection, since
 * when, why as a category ({@code UNAVAILABLE} or {@code CREDENTIALS_REJECTED}) and how many probes failed.
 * Health is anonymous, so it shows no message text: Fluent's or our own might name the account. Learned from real
 * calls and probes; this indicator makes no call of its own.
 */
@Readiness
@Singleton
final class FluentHealthIndicator implements HealthIndicator {

    private final FluentConnections connections;

    FluentHealthIndicator(FluentConnections connections) {
        this.connections = connections;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        List<ConnectionAvailability.Status> statuses = connections.availability();
        boolean allUp = statuses.stream().allMatch(ConnectionAvailability.Status::up);
        return Mono.just(HealthResult.builder("fluent", allUp ? HealthStatus.UP : HealthStatus.DOWN).details(details(statuses)).build());
    }

    /** Per connection name: {@code status}, and while down {@code since}, {@code reason} and {@code failedProbes}. */
    static Map<String, Object> details(List<ConnectionAvailability.Status> statuses) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (ConnectionAvailability.Status status : statuses) {
            Map<String, Object> connection = new LinkedHashMap<>();
            connection.put("status", status.up() ? "UP" : "DOWN");
            if (!status.up()) {
                connection.put("since", status.since().toString());
                connection.put("reason", status.reason().name());
                connection.put("failedProbes", status.failedProbes());
            }
            details.put(status.connection(), connection);
        }
        return details;
    }
}
