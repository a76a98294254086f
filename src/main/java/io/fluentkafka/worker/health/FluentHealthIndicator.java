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
import java.util.Map;

/**
 * Readiness: DOWN while any Fluent connection is down (its commands are waiting), with, per connection, since
 * when and why. Learned from real calls and probes; this indicator makes no call of its own.
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
        boolean allUp = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ConnectionAvailability.Status status : connections.availability()) {
            allUp &= status.up();
            Map<String, Object> connection = new LinkedHashMap<>();
            connection.put("status", status.up() ? "UP" : "DOWN");
            if (!status.up()) {
                connection.put("since", status.since().toString());
                connection.put("reason", status.reason());
                connection.put("failedProbes", status.failedProbes());
            }
            details.put(status.connection(), connection);
        }
        return Mono.just(HealthResult.builder("fluent", allUp ? HealthStatus.UP : HealthStatus.DOWN).details(details).build());
    }
}
