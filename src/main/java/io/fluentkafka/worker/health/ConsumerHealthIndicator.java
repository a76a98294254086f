package io.fluentkafka.worker.health;

import io.fluentkafka.worker.config.ConsumerConfiguration;
import io.fluentkafka.worker.consumer.CommandConsumer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Liveness: DOWN when the command consumer's poll loop has died, or has not come back from a poll for longer
 * than the grace period plus a minute (it should return every {@code worker.poll-timeout}, or after waiting at
 * most the grace period for revoked partitions to finish).
 */
@Liveness
@Singleton
@Requires(beans = CommandConsumer.class)
final class ConsumerHealthIndicator implements HealthIndicator {

    private final CommandConsumer consumer;
    private final Duration stuckAfter;

    ConsumerHealthIndicator(CommandConsumer consumer, ConsumerConfiguration configuration) {
        this.consumer = consumer;
        this.stuckAfter = configuration.shutdownGracePeriod().plusMinutes(1);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        CommandConsumer.State state = consumer.state();
        boolean up = state.polling() && state.sincePoll().compareTo(stuckAfter) < 0;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("polling", state.polling());
        if (state.failure() != null) {
            details.put("failure", state.failure());
        }
        details.put("sincePollMs", state.sincePoll().toMillis());
        details.put("partitions", state.partitions());
        details.put("running", state.running());
        details.put("unfinished", state.unfinished());
        details.put("pausedPartitions", state.pausedPartitions());
        return Mono.just(HealthResult.builder("commandConsumer", up ? HealthStatus.UP : HealthStatus.DOWN).details(details).build());
    }
}
