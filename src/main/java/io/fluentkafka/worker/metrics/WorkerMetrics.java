package io.fluentkafka.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every metric the worker publishes. Tags have small, fixed value sets (command types, outcomes, categories,
 * connection names, operation names, HTTP status codes): nothing taken from a command's content.
 */
@Singleton
public final class WorkerMetrics {

    private final MeterRegistry registry;
    /** Meters by name and tag values, so that a hot path looks one up instead of building it each time. */
    private final Map<List<String>, Meter> meters = new ConcurrentHashMap<>();

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code worker_commands_total{type,outcome}}: outcome SUCCEEDED, FAILED or UNDECODABLE. */
    public void commandFinished(String type, String outcome) {
        ((Counter) meters.computeIfAbsent(List.of("worker.commands", type, outcome), key -> Counter.builder("worker.commands")
                .description("Commands finished (replied and/or dead-lettered)")
                .tag("type", type).tag("outcome", outcome).register(registry))).increment();
    }

    /** {@code worker_dead_letters_total{type,category}}. */
    public void deadLettered(String type, String category) {
        Counter.builder("worker.dead.letters").description("Records copied to a dead-letter topic")
                .tag("type", type).tag("category", category).register(registry).increment();
    }

    /** {@code worker_publish_retries_total}: a reply or dead letter Kafka did not acknowledge, published again. */
    public void publishRetried() {
        Counter.builder("worker.publish.retries").description("Replies and dead letters published again after a failure")
                .register(registry).increment();
    }

    /**
     * {@code worker_webhooks_total{outcome}}: a webhook answered 200, {@code published} (Kafka acknowledged it) or
     * {@code duplicate} (published by this pod before, within the window; nothing published).
     */
    public void webhookAccepted(String outcome) {
        ((Counter) meters.computeIfAbsent(List.of("worker.webhooks", outcome), key -> Counter.builder("worker.webhooks")
                .description("Webhooks from Fluent answered 200, by outcome").tag("outcome", outcome).register(registry))).increment();
    }

    /** {@code worker_webhooks_rejected_total{reason}}: a webhook answered other than 200 (reason: a fixed set, see the README). */
    public void webhookRejected(String reason) {
        ((Counter) meters.computeIfAbsent(List.of("worker.webhooks.rejected", reason), key -> Counter.builder("worker.webhooks.rejected")
                .description("Webhooks from Fluent refused (nothing published), by reason").tag("reason", reason).register(registry))).increment();
    }

    /** {@code fluent_calls_seconds{connection,operation,status}}, with a latency histogram. */
    public void fluentCall(String connection, String operation, String status, Duration took) {
        ((Timer) meters.computeIfAbsent(List.of("fluent.calls", connection, operation, status), key -> Timer.builder("fluent.calls")
                .description("Calls to Fluent, by operation and HTTP status (or timeout/error)")
                .tag("connection", connection).tag("operation", operation).tag("status", status)
                .publishPercentileHistogram().register(registry))).record(took);
    }

    /** {@code fluent_retries_total{connection}}: a call retried after a transient failure. */
    public void fluentRetried(String connection) {
        Counter.builder("fluent.retries").description("Fluent calls retried after a transient failure")
                .tag("connection", connection).register(registry).increment();
    }

    /** {@code fluent_token_requests_total{connection,outcome}}. */
    public void tokenRequested(String connection, boolean granted) {
        Counter.builder("fluent.token.requests").description("OAuth token requests")
                .tag("connection", connection).tag("outcome", granted ? "granted" : "failed").register(registry).increment();
    }

    /** {@code fluent_connection_up{connection}}: 1 while up, 0 while commands wait for it. */
    public void connectionUp(String connection, Supplier<Boolean> up) {
        Gauge.builder("fluent.connection.up", () -> up.get() ? 1 : 0).description("1 while the Fluent connection answers")
                .tag("connection", connection).register(registry);
    }

    /** A gauge of the consumer: {@code worker_commands_in_flight}, {@code worker_commands_buffered}, {@code worker_consumer_lag}. */
    public void consumerGauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, () -> value.get().doubleValue()).description(description).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
