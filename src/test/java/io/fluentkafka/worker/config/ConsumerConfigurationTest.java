package io.fluentkafka.worker.config;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code worker.*} binds with its defaults, takes byte sizes as written, and refuses a bound that is not positive. */
class ConsumerConfigurationTest {

    @Test
    void boundsTheBufferAt32MegabytesByDefault() {
        try (ApplicationContext context = ApplicationContext.run(worker(Map.of()))) {
            assertThat(context.getBean(ConsumerConfiguration.class).maxBufferedBytes()).isEqualTo(32L << 20);
        }
    }

    @Test
    void readsTheByteBoundAsAReadableSize() {
        try (ApplicationContext context = ApplicationContext.run(worker(Map.of("worker.max-buffered-bytes", "512KB")))) {
            assertThat(context.getBean(ConsumerConfiguration.class).maxBufferedBytes()).isEqualTo(512L << 10);
        }
    }

    @Test
    void refusesAByteBoundThatIsNotPositive() {
        try (ApplicationContext context = ApplicationContext.run(worker(Map.of("worker.max-buffered-bytes", "0")))) {
            // with Kafka enabled the consumer needs this bean at startup; here it is asked for directly
            assertThatThrownBy(() -> context.getBean(ConsumerConfiguration.class))
                    .hasStackTraceContaining("worker.max-buffered-bytes must be positive");
        }
    }

    /** Kafka off, a valid Fluent connection, and {@code settings}. */
    private static Map<String, Object> worker(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("kafka.enabled", false);
        properties.put("micronaut.server.port", -1);
        properties.put("fluent.connections.default.host", "https://acme.sandbox.api.fluentretail.com");
        properties.put("fluent.connections.default.username", "api-user");
        properties.put("fluent.connections.default.password", "pw-123");
        properties.put("fluent.connections.default.client-id", "ACME");
        properties.put("fluent.connections.default.client-secret", "secret-456");
        return properties;
    }
}
